import Foundation

extension DecodingError {
    /// Where in the document decoding failed and why, without the enum's dump:
    /// `field 'info.classifiers.severity.temperature': Expected to decode Float but found a string instead.`
    var fieldDescription: String {
        switch self {
        case let .keyNotFound(key, context):
            return "field '\(Self.path(context.codingPath + [key]))': missing"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            let path = Self.path(context.codingPath)
            return (path.isEmpty ? "" : "field '\(path)': ") + context.debugDescription
        @unknown default:
            return "\(self)"
        }
    }

    /// `a.b.0.c`: keys by name, array elements by index.
    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
