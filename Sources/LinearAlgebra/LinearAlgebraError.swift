/// An error thrown by ``LinearAlgebra`` when arguments do not fit together.
///
/// ```swift
/// do { _ = try Matrix(rows: 2, columns: 2, values: [1, 2, 3]) }
/// catch let error as LinearAlgebraError { print(error) } // "matrix storage: expected 4 values, got 3"
/// ```
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two shapes that must agree do not; `operation` names the call, `expected`/`given` the sizes.
    case shapeMismatch(operation: String, expected: String, given: String)
    /// An argument is outside its valid range.
    case invalidArgument(name: String, reason: String)

    public var description: String {
        switch self {
        case let .shapeMismatch(operation, expected, given):
            return "\(operation): expected \(expected), got \(given)"
        case let .invalidArgument(name, reason):
            return "invalid argument \(name): \(reason)"
        }
    }
}
