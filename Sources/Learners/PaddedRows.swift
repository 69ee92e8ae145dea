import CSparseKernels

/// Rows of `stride` floats whose lanes from `width` on are always zero (``SoftmaxObjective``'s
/// parameter layout), and the same rows stored without those lanes.
///
/// L-BFGS reads about twenty parameter-sized vectors per iteration, so with 5 classes in rows of 8
/// it spends 3/8 of that time on zeros (with 2 classes in rows of 4, half). Fitted without the
/// padding (``LBFGS/rows``), its vectors are 5/8 the size and its arithmetic (RowVectorKernels.h)
/// rounds as on the padded vectors, and the objective reads and writes such rows too
/// (`SoftmaxObjective.evaluate(…, unpadded: true)`), so the solution is the same to the bit.
struct PaddedRows: Sendable, Equatable {
    /// Rows.
    let count: Int
    /// Floats of a row that are not padding.
    let width: Int
    /// Floats of a padded row.
    let stride: Int

    /// The rows of `problem`'s parameters where the padding is a quarter or more of them (2–3, 5–6
    /// or 9 classes in rows of 4, 8 or 12), else nil: below that the gain was not measured
    /// (fr_insurance_reviews' 13 classes in rows of 16, banking77's 77 in 80). One class is left
    /// padded: its row's 3 padding lanes would not fit in the row of biases the last row spills into.
    init?(fitting problem: SoftmaxObjective) {
        let stride = problem.stride, width = problem.classCount
        guard 4 * (stride - width) >= stride, stride - width <= width else { return nil }
        self.init(count: problem.dimension + 1, width: width, stride: stride)
    }

    init(count: Int, width: Int, stride: Int) {
        precondition(stride % 4 == 0 && width <= stride && width > stride - 4)
        self.count = count
        self.width = width
        self.stride = stride
    }

    /// Floats of the rows without padding.
    var unpaddedCount: Int { count * width }

    /// `padded` (`count · stride` floats) without its padding lanes.
    func removingPadding(_ padded: [Float]) -> [Float] {
        precondition(padded.count == count * stride)
        var rows = [Float](unsafeUninitializedCapacity: unpaddedCount + 8) { rows, initialized in
            padded.withUnsafeBufferPointer { removePadding($0.baseAddress!, into: rows.baseAddress!) }
            initialized = unpaddedCount + 8
        }
        rows.removeLast(8)
        return rows
    }

    /// `rows` (`count · width` floats) with zero padding lanes.
    func padding(_ rows: [Float]) -> [Float] {
        precondition(rows.count == unpaddedCount)
        let spare = rows + repeatElement(0, count: 8)
        return [Float](unsafeUninitializedCapacity: count * stride) { padded, initialized in
            spare.withUnsafeBufferPointer { pad($0.baseAddress!, into: padded.baseAddress!) }
            initialized = count * stride
        }
    }

    /// Writes the values of each row of `padded` into `rows`, which has 8 spare floats after them.
    func removePadding(_ padded: UnsafePointer<Float>, into rows: UnsafeMutablePointer<Float>) {
        dt_rows_unpad(rows, padded, count, width, stride)
    }

    /// Writes `rows` (8 readable floats after them) into `padded`, with zero padding lanes.
    func pad(_ rows: UnsafePointer<Float>, into padded: UnsafeMutablePointer<Float>) {
        dt_rows_pad(padded, rows, count, width, stride)
    }
}
