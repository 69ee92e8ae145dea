/// The ordered set of class names a model knows; index `i` is column `i` of its scores.
///
/// Batch training sorts the names (so the same data gives the same order); classes learned online
/// are appended.
///
/// ```swift
/// var labels = ClassLabels(["pricing", "tax"])
/// labels.index(of: "tax")      // 1
/// labels.append("freight")      // 2
/// ```
package struct ClassLabels: Sendable, Equatable, Codable {
    /// Class names in column order.
    package private(set) var names: [String]
    private var positions: [String: Int]

    /// Labels in the given order (duplicates are dropped).
    package init(_ names: [String] = []) {
        self.names = []
        self.positions = [:]
        for name in names where positions[name] == nil { append(name) }
    }

    /// Number of classes.
    package var count: Int { names.count }

    /// Column of `name`, or `nil` if unknown.
    package func index(of name: String) -> Int? { positions[name] }

    /// Adds `name` at the end (or returns its existing index).
    @discardableResult
    package mutating func append(_ name: String) -> Int {
        if let existing = positions[name] { return existing }
        names.append(name)
        positions[name] = names.count - 1
        return names.count - 1
    }

    package init(from decoder: Decoder) throws {
        self.init(try [String](from: decoder))
    }

    package func encode(to encoder: Encoder) throws {
        try names.encode(to: encoder)
    }

    package static func == (lhs: ClassLabels, rhs: ClassLabels) -> Bool { lhs.names == rhs.names }
}
