import SystemSupport

/// How a term's count in one document becomes its weight (before IDF and normalisation).
///
/// ```swift
/// TermWeighting.log1p.weight(count: 3)   // log(1 + 3) = 1.386
/// ```
package enum TermWeighting: String, Codable, Sendable, CaseIterable {
    /// The count itself.
    case raw
    /// `log(1 + count)`: damps repeated words (default).
    case log1p
    /// 1 if present.
    case binary

    @usableFromInline static let log1pTable: [Float] = (0..<64).map { log1pf(Float($0)) }

    /// The weight of a term seen `count` times (count > 0).
    @inlinable
    package func weight(count: Float) -> Float {
        switch self {
        case .raw: return count
        case .log1p:
            // Counts are small whole numbers: read them from a table instead of calling log1pf.
            let whole = Int(count)
            if Float(whole) == count && whole < TermWeighting.log1pTable.count {
                return TermWeighting.log1pTable[whole]
            }
            return log1pf(count)
        case .binary: return 1
        }
    }
}
