/// How `--threads N` is shared among independent parts of a command (the labels of `train`, the
/// folds of `crossvalidate`): as many parts at once as there are threads, and the threads left over
/// split each part's solver passes.
enum ThreadBudget {
    /// Parts run at once, and the threads each of them gets (at least 1).
    static func split(_ threads: Int, among parts: Int) -> (atOnce: Int, perPart: Int) {
        let atOnce = max(min(threads, parts), 1)
        return (atOnce, max(threads / atOnce, 1))
    }
}
