import Foundation
@_spi(Components) import LinearAlgebra
import ModelFormat

/// Saving and loading a payer-risk model as a model directory (`manifest.json` with kind
/// `payer-risk`, and `weights.safetensors` holding `means`, `scales` and `weights`).
///
/// ```swift
/// try model.save(to: URL(fileURLWithPath: "/var/lib/triage/risk"))
/// let again = try PayerRiskModel.load(from: URL(fileURLWithPath: "/var/lib/triage/risk"))
/// ```
extension PayerRiskModel {
    /// Manifest kind.
    package static let kind = "payer-risk"
    static let weightsFile = "weights.safetensors"

    /// The JSON part of the manifest.
    package struct Info: Codable, Sendable, Equatable {
        package var parameters: Parameters
        package var features: [String]
        package var heads: [String]
        package var trainingRows: [Int]
        package var updates: Int
    }

    /// Saves atomically (a temporary directory renamed into place).
    /// - Parameters:
    ///   - url: the model directory.
    ///   - createdAt: the manifest time; fixed by default so a model is byte-identical across runs.
    ///   - libraryVersion: the version recorded in the manifest.
    /// - Throws: `ModelFormatError` when the directory cannot be written (the old model stays).
    public func save(to url: URL, createdAt: String = "1970-01-01T00:00:00Z", libraryVersion: String = "0.1.0") throws {
        let tensors: [String: Tensor] = [
            "means": Tensor(float32: means),
            "knot_counts": Tensor(float32: basis.knots.map { Float($0.count) }),
            "knots": Tensor(float32: basis.knots.flatMap { $0 }),
            "level_counts": Tensor(float32: basis.levels.map { Float($0.count) }),
            "levels": Tensor(float32: basis.levels.flatMap { $0 }),
            "stack_knots": Tensor(float32: stackKnots),
            "stack_weights": Tensor(float32: stackWeights),
            "tree_depth": Tensor(float32: [Float(daysTrees.depth)]),
            "tree_columns": Tensor(float32: daysTrees.splitColumns.map(Float.init)),
            "tree_thresholds": Tensor(float32: daysTrees.thresholds),
            "tree_leaves": Tensor(float32: daysTrees.leaves),
            "scales": Tensor(float32: scales),
            "weights": Tensor(float32: weights.values, shape: [weights.rows, weights.columns]),
        ]
        let info = Info(
            parameters: parameters, features: PayerFeatures.names, heads: Self.heads, trainingRows: trainingRows,
            updates: updates)
        let manifest = ModelManifest(kind: Self.kind, libraryVersion: libraryVersion, createdAt: createdAt, info: info)
        try ModelDirectory.write(
            manifest: manifest, files: [Self.weightsFile: SafeTensors.encode(tensors, metadata: ["format": Self.kind])],
            to: url)
    }

    /// Loads and verifies a saved model. - Throws: `ModelFormatError` naming the file.
    public static func load(from url: URL) throws -> PayerRiskModel {
        let (manifest, files) = try ModelDirectory.read(at: url, expectedKind: kind, as: Info.self)
        let path = url.appendingPathComponent(weightsFile).path
        guard let bytes = files[weightsFile] else {
            throw ModelFormatError.unreadable(path: path, reason: "not listed in the manifest")
        }
        let info = manifest.info
        guard info.features == PayerFeatures.names, info.heads == heads, info.trainingRows.count == heads.count else {
            throw ModelFormatError.malformed(
                path: url.appendingPathComponent(ModelDirectory.manifestName).path,
                reason: "payer-risk features or heads differ from this library's")
        }
        let (tensors, _) = try SafeTensors.decode(bytes, path: path)
        let f = PayerFeatures.count
        func floats(_ name: String, _ count: Int) throws -> [Float] {
            guard let values = tensors[name]?.float32Values(), values.count == count, values.allSatisfy(\.isFinite)
            else {
                throw ModelFormatError.missingTensor(
                    path: path, name: name, reason: "must be F32 with \(count) finite values")
            }
            return values
        }
        func ragged(counts name: String, values: String) throws -> [[Float]] {
            let counts = try floats(name, f)
            guard counts.allSatisfy({ $0 >= 0 && $0 <= 16 && $0 == $0.rounded() }) else {
                throw ModelFormatError.missingTensor(path: path, name: name, reason: "must be whole numbers 0…16")
            }
            let flat = try floats(values, Int(counts.reduce(0, +)))
            var lists: [[Float]] = []
            var start = 0
            for count in counts.map({ Int($0) }) {
                lists.append(Array(flat[start..<(start + count)]))
                start += count
            }
            return lists
        }
        /// A tensor of any length, all finite.
        func list(_ name: String) throws -> [Float] {
            try floats(name, tensors[name]?.float32Values()?.count ?? 0)
        }
        let depth = try floats("tree_depth", 1)[0]
        let columns = try list("tree_columns")
        guard depth >= 0, depth <= Float(ResidualTrees.maximumDepth), depth == depth.rounded(),
            columns.allSatisfy({ $0 == $0.rounded() && abs($0) <= 1e6 }),
            let trees = ResidualTrees(
                depth: Int(depth), splitColumns: columns.map { Int($0) }, thresholds: try list("tree_thresholds"),
                leaves: try list("tree_leaves"), inputs: f + 1)
        else {
            throw ModelFormatError.missingTensor(
                path: path, name: "tree_columns",
                reason: "days-late trees must have a whole depth 0…\(ResidualTrees.maximumDepth), columns 0…\(f), "
                    + "and 2^depth − 1 splits and 2^depth leaves per tree")
        }
        let knots = try ragged(counts: "knot_counts", values: "knots")
        let levels = try ragged(counts: "level_counts", values: "levels")
        let basis = SplineBasis(knots: knots, levels: levels)
        let e = basis.dimension
        let scales = try floats("scales", e)
        guard scales.allSatisfy({ $0 > 0 }) else {
            throw ModelFormatError.missingTensor(path: path, name: "scales", reason: "must be positive")
        }
        return PayerRiskModel(
            parameters: info.parameters, basis: basis, means: try floats("means", e), scales: scales,
            weights: try Matrix(
                rows: e + 1, columns: heads.count, values: try floats("weights", (e + 1) * heads.count)),
            stackKnots: try floats("stack_knots", 3), stackWeights: try floats("stack_weights", 4), daysTrees: trees,
            trainingRows: info.trainingRows, updates: info.updates)
    }
}
