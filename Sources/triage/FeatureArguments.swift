import ArgumentParser
@_spi(Components) import Learners
@_spi(Components) import TextFeatures

/// `--space vocab:MINCOUNT | hash:BITS`, parsed when the arguments are; `vocab:` keeps the
/// library's default number of out-of-vocabulary buckets.
extension FeatureConfiguration.Space: ExpressibleByArgument {
    public init?(argument: String) {
        let parts = argument.split(separator: ":")
        guard parts.count == 2, let n = Int(parts[1]), n >= 0 else { return nil }
        switch parts[0] {
        case "vocab":
            guard case let .vocabulary(_, oovBits) = FeatureConfiguration().space else { return nil }
            self = .vocabulary(minCount: n, oovBits: oovBits)
        case "hash":
            self = .hashing(bits: n)
        default:
            return nil
        }
    }

    public var defaultValueDescription: String {
        switch self {
        case let .vocabulary(minCount, _): return "vocab:\(minCount)"
        case let .hashing(bits): return "hash:\(bits)"
        }
    }
}

/// `--char-ngrams MIN-MAX | none`: the character n-gram lengths taken inside words.
struct CharacterNGrams: ExpressibleByArgument {
    var lengths: ClosedRange<Int>?

    init(_ lengths: ClosedRange<Int>?) { self.lengths = lengths }

    init?(argument: String) {
        if argument == "none" {
            lengths = nil
            return
        }
        let parts = argument.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1] else { return nil }
        lengths = parts[0]...parts[1]
    }

    var defaultValueDescription: String {
        lengths.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "none"
    }
}

/// `--logit-adjustment TAU,TAU,… | none`: the logit adjustments to choose from (write
/// `--logit-adjustment=-0.5,0,1` when the list starts with a minus sign).
struct LogitAdjustmentGrid: ExpressibleByArgument {
    var values: [Float]?

    init(_ values: [Float]?) { self.values = values }

    init?(argument: String) {
        if argument == "none" {
            values = nil
            return
        }
        let parsed = argument.split(separator: ",", omittingEmptySubsequences: false).map { Float(String($0)) }
        guard !parsed.isEmpty, parsed.allSatisfy({ $0.map { $0.isFinite && abs($0) <= 10 } ?? false }) else {
            return nil
        }
        values = parsed.map { $0! }
    }

    var defaultValueDescription: String {
        values.map { $0.map { String($0) }.joined(separator: ",") } ?? "none"
    }
}

/// `--class-offsets SHARE | none`: the share of the per-class bias offsets kept, in (0, 1].
struct ClassOffsetShare: ExpressibleByArgument {
    var value: Float?

    init(_ value: Float?) { self.value = value }

    init?(argument: String) {
        if argument == "none" {
            value = nil
            return
        }
        guard let share = Float(argument), share.isFinite, share > 0, share <= 1 else { return nil }
        value = share
    }

    var defaultValueDescription: String { value.map { String($0) } ?? "none" }
}

extension Algorithm: ExpressibleByArgument {}
extension ClassWeighting: ExpressibleByArgument {}
extension LogisticRegression.Solver: ExpressibleByArgument {}
extension TermWeighting: ExpressibleByArgument {}
