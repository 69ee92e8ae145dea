/// Sorting of the per-document feature keys without allocation: an LSD radix sort over the bits the
/// keys actually use, with the scratch buffer kept in the ``FeatureWorkspace`` (the standard
/// library's sort may allocate, and a comparison sort costs more per key on long texts).
enum KeySort {
    /// Sorts `keys` ascending, using `scratch` and `counts` (resized as needed, capacity kept) so a
    /// warmed-up workspace sorts without allocating.
    static func sort(_ keys: inout [UInt64], scratch: inout [UInt64], counts: inout [Int]) {
        let n = keys.count
        guard n > 1 else { return }
        if n <= 32 {
            keys.withUnsafeMutableBufferPointer { insertionSort($0) }
            return
        }
        var maximum: UInt64 = 0
        for key in keys where key > maximum { maximum = key }
        let bits = 64 - maximum.leadingZeroBitCount
        if scratch.count < n { scratch.append(contentsOf: repeatElement(0, count: n - scratch.count)) }
        let radixBits = digitBits(keyBits: bits, count: n)
        let buckets = 1 << radixBits
        let passes = max((bits + radixBits - 1) / radixBits, 1)
        if counts.count < buckets { counts.append(contentsOf: repeatElement(0, count: buckets - counts.count)) }
        counts.withUnsafeMutableBufferPointer { counts in
            keys.withUnsafeMutableBufferPointer { a in
                scratch.withUnsafeMutableBufferPointer { b in
                    var source = a
                    var target = b
                    for pass in 0..<passes {
                        let shift = UInt64(pass * radixBits)
                        let mask = UInt64(buckets - 1)
                        for i in 0..<buckets { counts[i] = 0 }
                        for i in 0..<n { counts[Int((source[i] &>> shift) & mask)] += 1 }
                        var total = 0
                        for i in 0..<buckets {
                            let c = counts[i]
                            counts[i] = total
                            total += c
                        }
                        for i in 0..<n {
                            let digit = Int((source[i] &>> shift) & mask)
                            target[counts[digit]] = source[i]
                            counts[digit] += 1
                        }
                        swap(&source, &target)
                    }
                    // After an odd number of passes the result is in the scratch buffer.
                    if passes % 2 == 1 {
                        for i in 0..<n { a[i] = b[i] }
                    }
                }
            }
        }
    }

    /// The digit width that minimises the work of the whole sort: each pass clears and sums
    /// `2^bits` bucket counts and reads and writes every key twice.
    static func digitBits(keyBits: Int, count n: Int) -> Int {
        var best = 8
        var bestCost = Int.max
        for bits in 4...11 {
            let passes = max((keyBits + bits - 1) / bits, 1)
            let cost = passes * (2 * (1 << bits) + 2 * n)
            if cost < bestCost { (best, bestCost) = (bits, cost) }
        }
        return best
    }

    private static func insertionSort(_ a: UnsafeMutableBufferPointer<UInt64>) {
        for i in 1..<a.count {
            let value = a[i]
            var j = i - 1
            while j >= 0 && a[j] > value {
                a[j + 1] = a[j]
                j -= 1
            }
            a[j + 1] = value
        }
    }
}
