import CSparseKernels
import ModelFormat
import SystemSupport

/// A model's feature names, built once at load for the output writers: explanations keep feature
/// numbers, and a writer copies a name's bytes (raw UTF-8, or already quoted and escaped as a JSON
/// string) from here, with no `String` made and no escaping per dispute.
///
/// ```swift
/// let table = FeatureNameTable(["deja paye", "", "say \"hi\""])
/// table.withUTF8(of: 0) { String(decoding: $0, as: UTF8.self) }   // deja paye
/// table.withJSON(of: 2) { String(decoding: $0, as: UTF8.self) }   // "say \"hi\""
/// ```
package final class FeatureNameTable: Sendable, Equatable {
    /// Every name's UTF-8 bytes and then its JSON literal, one name after the other (kept as built:
    /// no copy into another buffer).
    private let bytes: [UInt8]
    /// Per name: where its bytes start, its JSON literal starts, and where the literal ends
    /// (the next name's start), so name `i` spans `bounds[2i] ..< bounds[2i + 1] ..< bounds[2i + 2]`.
    private let bounds: [Int]
    /// The names as given, for callers that want a `String`.
    package let names: [String]
    /// The length in bytes of the longest JSON literal (2 for no names): bounds a line's size
    /// without looking each word up.
    package let longestJSONByteCount: Int

    /// The table of `names` (indexed by feature number).
    package init(_ names: [String]) {
        var all: [UInt8] = []
        all.reserveCapacity(names.reduce(0) { $0 + 2 * $1.utf8.count + 2 })
        var bounds: [Int] = [0]
        bounds.reserveCapacity(2 * names.count + 1)
        for var name in names {
            name.withUTF8 { utf8 in
                all.append(contentsOf: utf8)
                bounds.append(all.count)
                // Most names need no escaping: their literal is the bytes between quotes.
                if utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) {
                    all.append(0x22)
                    all.append(contentsOf: utf8)
                    all.append(0x22)
                }
            }
            if all.count == bounds[bounds.count - 1] { JSONString.append(name, to: &all) }
            bounds.append(all.count)
        }
        self.bytes = all
        self.bounds = bounds
        self.names = names
        var longest = 2
        for index in names.indices { longest = max(longest, bounds[2 * index + 2] - bounds[2 * index + 1]) }
        self.longestJSONByteCount = longest
    }

    /// Number of names.
    package var count: Int { names.count }

    /// The name of feature `index` ("" out of range).
    package func name(of index: Int) -> String { index >= 0 && index < names.count ? names[index] : "" }

    /// Calls `body` with the UTF-8 bytes of the name of feature `index` (none out of range).
    package func withUTF8<Result>(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard index >= 0, index < names.count else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let range = bounds[2 * index]..<bounds[2 * index + 1]
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Calls `body` with the name of feature `index` as a quoted, escaped JSON string literal
    /// (``ModelFormat/JSONString``'s bytes; `""` out of range).
    package func withJSON<Result>(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard index >= 0, index < names.count else {
            return withUnsafeBytes(of: (UInt8(ascii: "\""), UInt8(ascii: "\""))) {
                body($0.bindMemory(to: UInt8.self))
            }
        }
        let range = bounds[2 * index + 1]..<bounds[2 * index + 2]
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Starts loading where feature `index`'s JSON literal lies (its two bounds), for a writer that
    /// will call ``prefetchJSON(of:)`` and then ``writeJSONList(of:count:to:)`` on it: names are
    /// random reads into tables larger than the cache, so a writer asks for the next lines' names ahead.
    private func prefetchBounds(of index: Int) {
        guard index >= 0, index < names.count else { return }
        bounds.withUnsafeBufferPointer { dt_prefetch($0.baseAddress! + 2 * index + 1) }
    }

    /// Starts loading feature `index`'s JSON literal (reads its bounds: prefetch them first).
    private func prefetchJSON(of index: Int) {
        guard index >= 0, index < names.count else { return }
        let start = bounds[2 * index + 1]
        bytes.withUnsafeBufferPointer { dt_prefetch($0.baseAddress! + start) }
    }

    /// Writes at `target` the JSON literals of the first `count` of `features` separated by commas,
    /// and returns the number of bytes written: at most ``longestJSONByteCount`` per word plus the
    /// commas. One call per word list, the literals copied without a call each.
    package func writeJSONList(of features: SIMD8<Int32>, count: Int, to target: UnsafeMutablePointer<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer { bytes in
            bounds.withUnsafeBufferPointer { bounds in
                var written = 0
                for position in 0..<min(count, features.scalarCount) {
                    if position > 0 {
                        target[written] = UInt8(ascii: ",")
                        written += 1
                    }
                    let index = Int(features[position])
                    guard index >= 0, index < names.count, let base = bytes.baseAddress else {
                        (target + written).initialize(repeating: UInt8(ascii: "\""), count: 2)  // the literal ""
                        written += 2
                        continue
                    }
                    let start = bounds[2 * index + 1]
                    let length = bounds[2 * index + 2] - start
                    copyShortBytes(from: base + start, to: target + written, count: length)
                    written += length
                }
                return written
            }
        }
    }

    /// What ``prefetch(_:of:count:)`` starts loading.
    package enum PrefetchStep: Sendable {
        /// ``prefetchBounds(of:)``: the first step, two lines ahead.
        case bounds
        /// ``prefetchJSON(of:)``: the second step, one line ahead.
        case literals
    }

    /// `step` for the first `count` of `features` (an ``ExplanationWords``' numbers).
    package func prefetch(_ step: PrefetchStep, of features: SIMD8<Int32>, count: Int) {
        for position in 0..<min(count, features.scalarCount) {
            switch step {
            case .bounds: prefetchBounds(of: Int(features[position]))
            case .literals: prefetchJSON(of: Int(features[position]))
            }
        }
    }

    package static func == (lhs: FeatureNameTable, rhs: FeatureNameTable) -> Bool {
        lhs === rhs || lhs.names == rhs.names
    }
}
