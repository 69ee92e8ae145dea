import Foundation

/// Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header
/// mapping tensor names to `{dtype, shape, data_offsets}` (plus optional `__metadata__` strings),
/// then the raw data. Files open in Python with `safetensors.numpy.load_file`.
///
/// Reading validates everything before trusting it: header size, JSON, dtypes, shapes, that
/// offsets are in order, inside the file, non-overlapping and cover the data exactly.
///
/// ```swift
/// let bytes = SafeTensors.encode(["w": Tensor(float32: [1, 2])], metadata: ["kind": "demo"])
/// let (tensors, metadata) = try SafeTensors.decode(bytes, path: "w.safetensors")
/// ```
package enum SafeTensors {
    /// Largest header accepted (the format's own limit is 100 MB).
    package static let maxHeaderBytes = 100_000_000

    /// Encodes tensors (sorted by name, so the bytes are reproducible) and string metadata.
    package static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:]) -> [UInt8] {
        var header = "{"
        var parts: [String] = []
        if !metadata.isEmpty {
            let entries = metadata.keys.sorted().map { "\(JSONString.quoted($0)):\(JSONString.quoted(metadata[$0]!))" }
            parts.append("\"__metadata__\":{\(entries.joined(separator: ","))}")
        }
        var offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            let tensor = tensors[name]!
            let end = offset + tensor.byteCount
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            parts.append(
                "\(JSONString.quoted(name)):{\"dtype\":\"\(tensor.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}"
            )
            offset = end
        }
        header += parts.joined(separator: ",") + "}"
        // Pad the header with spaces to a multiple of 8 so the data is aligned.
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
        var out = [UInt8]()
        out.reserveCapacity(8 + headerBytes.count + offset)
        var length = UInt64(headerBytes.count).littleEndian
        withUnsafeBytes(of: &length) { out.append(contentsOf: $0) }
        out.append(contentsOf: headerBytes)
        for name in names { tensors[name]!.withUnsafeBytes { out.append(contentsOf: $0) } }
        return out
    }

    /// Decodes and validates a safetensors file. `path` is used in error messages.
    /// - Throws: ``ModelFormatError/malformed(path:reason:)`` for any inconsistency.
    package static func decode(_ bytes: [UInt8], path: String) throws -> (
        tensors: [String: Tensor], metadata: [String: String]
    ) {
        func fail(_ reason: String) -> ModelFormatError { .malformed(path: path, reason: reason) }
        guard bytes.count >= 8 else {
            throw fail("file has \(bytes.count) bytes, shorter than the 8-byte header length")
        }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard headerLength <= UInt64(maxHeaderBytes), 8 + Int(headerLength) <= bytes.count else {
            throw fail("header length \(headerLength) exceeds the file (\(bytes.count) bytes)")
        }
        let headerEnd = 8 + Int(headerLength)
        let headerData = Data(bytes[8..<headerEnd])
        guard let object = try? JSONSerialization.jsonObject(with: headerData), let header = object as? [String: Any]
        else {
            throw fail("header is not a JSON object")
        }
        var metadata: [String: String] = [:]
        var entries: [(name: String, dtype: Tensor.DType, shape: [Int], begin: Int, end: Int)] = []
        let dataLength = bytes.count - headerEnd
        for (name, value) in header {
            if name == "__metadata__" {
                guard let dictionary = value as? [String: Any] else { throw fail("__metadata__ is not an object") }
                for (key, item) in dictionary {
                    guard let text = item as? String else { throw fail("__metadata__.\(key) is not a string") }
                    metadata[key] = text
                }
                continue
            }
            guard let info = value as? [String: Any],
                let dtypeName = info["dtype"] as? String,
                let shapeValues = info["shape"] as? [Any],
                let offsets = info["data_offsets"] as? [Any], offsets.count == 2
            else { throw fail("tensor '\(name)' lacks dtype, shape or data_offsets") }
            guard let dtype = Tensor.DType(rawValue: dtypeName) else {
                throw fail("tensor '\(name)' has unsupported dtype \(dtypeName)")
            }
            var shape: [Int] = []
            for dimension in shapeValues {
                guard let number = dimension as? NSNumber, let value = Int(exactly: number.doubleValue), value >= 0,
                    value <= Int(Int32.max)
                else {
                    throw fail("tensor '\(name)' has an invalid shape")
                }
                shape.append(value)
            }
            guard let b = (offsets[0] as? NSNumber).flatMap({ Int(exactly: $0.doubleValue) }),
                let e = (offsets[1] as? NSNumber).flatMap({ Int(exactly: $0.doubleValue) }),
                b >= 0, e >= b, e <= dataLength
            else { throw fail("tensor '\(name)' has data_offsets outside the data (\(dataLength) bytes)") }
            var elements = 1
            for dimension in shape {
                let (product, overflow) = elements.multipliedReportingOverflow(by: dimension)
                guard !overflow else { throw fail("tensor '\(name)' shape overflows") }
                elements = product
            }
            let (byteCount, byteOverflow) = elements.multipliedReportingOverflow(by: dtype.size)
            guard !byteOverflow else { throw fail("tensor '\(name)' shape \(shape) overflows the addressable size") }
            guard byteCount == e - b else {
                throw fail("tensor '\(name)' shape \(shape) needs \(byteCount) bytes, offsets give \(e - b)")
            }
            entries.append((name, dtype, shape, b, e))
        }
        // Offsets must tile the data exactly: no gaps, no overlaps, nothing trailing.
        entries.sort { $0.begin != $1.begin ? $0.begin < $1.begin : $0.end < $1.end }
        var expected = 0
        for entry in entries {
            guard entry.begin == expected else { throw fail("tensor '\(entry.name)' data overlaps or leaves a gap") }
            expected = entry.end
        }
        guard expected == dataLength else { throw fail("data has \(dataLength) bytes but tensors cover \(expected)") }
        var tensors: [String: Tensor] = [:]
        for entry in entries {
            let start = headerEnd + entry.begin
            // A view into `bytes`: the file is read once, its tensors are not copied out of it.
            tensors[entry.name] = Tensor(
                dtype: entry.dtype, shape: entry.shape, slice: bytes[start..<(headerEnd + entry.end)])
        }
        return (tensors, metadata)
    }
}
