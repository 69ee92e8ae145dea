@_spi(Components) import LinearAlgebra

extension PayerRiskModel {
    /// Signed days past due are clipped to ±this many days before the ridge fit, so one payment years
    /// late cannot pull the line.
    static let pastDueClipDays: Float = 90

    /// The late head as a blend of two linear scores of the same standardised columns: the logistic
    /// fit of the yes/no label (weights `logistic`) and a ridge regression of the signed days past due
    /// (paid − due, clipped to ±``pastDueClipDays``). How far past the due date a payment came carries
    /// more information than whether it did (a customer paying one day early is nearly late), which
    /// the label alone throws away. The blend `a·z + b·m + c` is itself fitted by a logistic regression
    /// on the two scores; since both are linear in the columns, the result is one weight vector, so
    /// predicting, saving and the online updates are unchanged. When the regression adds nothing the
    /// fit leaves `b` near 0 and the logistic head as it was.
    ///
    /// - Parameters:
    ///   - x: N × columns, standardised, the last column all ones (the intercept).
    ///   - logistic: the logistic head's weights over `x`'s columns.
    ///   - late: 1 late, 0 on time, per row.
    ///   - daysPastDue: signed days from the due date to payment, per row.
    ///   - l2: the ridge penalty (in units of examples, like the logistic heads').
    /// - Returns: the blended weights over `x`'s columns.
    /// - Throws: `LinearAlgebraError` when a matrix cannot be built (a shape mistake of the caller).
    static func pastDueBlend(_ x: Matrix, logistic: [Float], late: [Float], daysPastDue: [Float], l2: Float) throws
        -> [Float]
    {
        let n = x.rows, f = x.columns
        let clipped = daysPastDue.map { min(max($0, -pastDueClipDays), pastDueClipDays) }
        let ridge = try DenseFit.ridge(x, targets: clipped, l2: l2)
        var z = [Float](repeating: 0, count: n), m = [Float](repeating: 0, count: n)
        BLAS.gemv(x, .asIs, logistic, into: &z)
        BLAS.gemv(x, .asIs, ridge, into: &m)
        var scores = [Float](repeating: 1, count: n * 3)
        for i in 0..<n {
            scores[i * 3] = z[i]
            scores[i * 3 + 1] = m[i] / 30
        }
        // Two weights and an intercept from thousands of rows: a token penalty only keeps Newton's method finite.
        let blend = try DenseFit.logistic(try Matrix(rows: n, columns: 3, values: scores), labels: late, l2: 1)
        var weights = [Float](repeating: 0, count: f)
        for j in 0..<f { weights[j] = blend[0] * logistic[j] + blend[1] / 30 * ridge[j] }
        weights[f - 1] += blend[2]
        return weights
    }
}
