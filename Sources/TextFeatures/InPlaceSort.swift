/// An allocation-free, deterministic in-place sort for the per-document feature keys
/// (the standard library's sort may allocate a merge buffer).
enum InPlaceSort {
    static func sort(_ buffer: UnsafeMutableBufferPointer<UInt64>) {
        quicksort(buffer, 0, buffer.count - 1)
    }

    private static func quicksort(_ a: UnsafeMutableBufferPointer<UInt64>, _ low: Int, _ high: Int) {
        var low = low
        var high = high
        while high - low > 16 {
            // Median of three as pivot.
            let mid = low + (high - low) / 2
            if a[mid] < a[low] { a.swapAt(mid, low) }
            if a[high] < a[low] { a.swapAt(high, low) }
            if a[high] < a[mid] { a.swapAt(high, mid) }
            let pivot = a[mid]
            var i = low
            var j = high
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Recurse into the smaller half, loop on the larger: bounded stack depth.
            if j - low < high - i {
                quicksort(a, low, j)
                low = i
            } else {
                quicksort(a, i, high)
                high = j
            }
        }
        insertionSort(a, low, high)
    }

    private static func insertionSort(_ a: UnsafeMutableBufferPointer<UInt64>, _ low: Int, _ high: Int) {
        guard high > low else { return }
        for i in (low + 1)...high {
            let value = a[i]
            var j = i - 1
            while j >= low && a[j] > value {
                a[j + 1] = a[j]
                j -= 1
            }
            a[j + 1] = value
        }
    }
}
