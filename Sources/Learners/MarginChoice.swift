/// The rule both settings searches use to pick a candidate on a small held-out part: among the
/// candidates whose score is within `margin` of the best, the one with the smallest `preference`
/// (the safer setting), then the higher score, then the earlier one. So moving away from the safe
/// setting has to win by more than the held-out part's noise.
enum MarginChoice {
    /// The index chosen among `scores` (not empty); `preference(i)` ranks candidate `i`, smaller first.
    static func index(scores: [Double], margin: Double, preference: (Int) -> Double) -> Int {
        let best = scores.max() ?? 0
        var chosen = 0
        for i in scores.indices where scores[i] >= best - margin {
            if scores[chosen] < best - margin || preference(i) < preference(chosen)
                || (preference(i) == preference(chosen) && scores[i] > scores[chosen])
            {
                chosen = i
            }
        }
        return chosen
    }
}
