/// Copies `count` bytes from `source` to `target` (not overlapping). Pieces of 4 to 32 bytes (keys,
/// words, ids of an output line) take two overlapping loads and stores of the widest size that fits
/// (the first and the last bytes), which costs less than a byte loop or a call to the C library's
/// copy; longer ones take the call.
@inlinable @inline(__always)
package func copyShortBytes(from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, count: Int) {
    switch count {
    case 16...32: copyEnds(source, target, count, as: SIMD16<UInt8>.self)
    case 8..<16: copyEnds(source, target, count, as: UInt64.self)
    case 4..<8: copyEnds(source, target, count, as: UInt32.self)
    case 1..<4:
        for i in 0..<count {
            target.storeBytes(of: source.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self)
        }
    case 0: return
    default: target.copyMemory(from: source, byteCount: count)
    }
}

/// Copies `count` bytes (`Word`'s size ≤ `count` ≤ twice that) as the first and the last `Word`.
@inlinable @inline(__always)
func copyEnds<Word>(_ source: UnsafeRawPointer, _ target: UnsafeMutableRawPointer, _ count: Int, as _: Word.Type) {
    let tail = count - MemoryLayout<Word>.size
    let first = source.loadUnaligned(as: Word.self)
    let last = source.loadUnaligned(fromByteOffset: tail, as: Word.self)
    target.storeBytes(of: first, as: Word.self)
    target.storeBytes(of: last, toByteOffset: tail, as: Word.self)
}
