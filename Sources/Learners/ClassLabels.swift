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
public struct ClassLabels: Sendable, Equatable, Codable {
    /// Class names in column order.
    public private(set) var names: [String]
    private var positions: [String: Int]

    /// Labels in the given order (duplicates are dropped).
    public init(_ names: [String] = []) {
        self.names = []
        self.positions = [:]
        for name in names where positions[name] == nil { append(name) }
    }

    /// Number of classes.
    public var count: Int { names.count }

    /// Column of `name`, or `nil` if unknown.
    public func index(of name: String) -> Int? { positions[name] }

    /// Adds `name` at the end (or returns its existing index).
    @discardableResult
    public mutating func append(_ name: String) -> Int {
        if let existing = positions[name] { return existing }
        names.append(name)
        positions[name] = names.count - 1
        return names.count - 1
    }

    public init(from decoder: Decoder) throws {
        self.init(try [String](from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        try names.encode(to: encoder)
    }

    public static func == (lhs: ClassLabels, rhs: ClassLabels) -> Bool { lhs.names == rhs.names }
}
