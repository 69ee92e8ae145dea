@_spi(Components) import Learners

/// The inline SVG charts of ``EvaluationPage``.
enum EvaluationCharts {
    private static let colors = ["#3b6fb6", "#e09b2d", "#3f9d5a"]

    /// Horizontal bars of precision, recall and F1 for every class.
    static func classBars(_ report: ClassificationReport) -> String {
        let label = 170.0, barWidth = 520.0, rowHeight = 46.0, top = 30.0
        let height = top + rowHeight * Double(report.classes.count) + 10
        var svg = open(width: label + barWidth + 70, height: height, title: "Precision, recall and F1 per class")
        for (k, name) in ["precision", "recall", "F1"].enumerated() {
            let x = label + Double(k) * 110
            svg += "<rect x=\"\(c(x))\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(colors[k])\"/>"
            svg += "<text x=\"\(c(x + 18))\" y=\"16\">\(name)</text>\n"
        }
        for (row, name) in report.classes.enumerated() {
            let m = report.perClass[name]
            let values = [m?.precision ?? 0, m?.recall ?? 0, m?.f1 ?? 0]
            let y = top + Double(row) * rowHeight
            svg +=
                "<text x=\"\(c(label - 8))\" y=\"\(c(y + 22))\" text-anchor=\"end\">\(HTMLText.escape(name))</text>\n"
            for (k, value) in values.enumerated() {
                let barY = y + 4 + Double(k) * 12
                svg +=
                    "<rect x=\"\(c(label))\" y=\"\(c(barY))\" width=\"\(c(barWidth * value))\" height=\"10\" fill=\"\(colors[k])\">"
                svg +=
                    "<title>\(HTMLText.escape(name)) \(["precision", "recall", "F1"][k]) \(HTMLText.fixed(value, 3))</title></rect>"
                svg +=
                    "<text x=\"\(c(label + barWidth * value + 4))\" y=\"\(c(barY + 9))\">\(HTMLText.fixed(value, 2))</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    /// The confusion matrix: rows are the truth, columns the prediction; each cell's colour is its
    /// share of the row, and it shows the count.
    static func confusionHeatMap(_ report: ClassificationReport) -> String {
        let n = report.classes.count
        let cell = n > 12 ? 40.0 : 52.0, left = 170.0, top = 150.0
        var svg = open(
            width: left + cell * Double(n) + 20, height: top + cell * Double(n) + 40,
            title: "Confusion matrix (rows: truth, columns: prediction)")
        for (j, name) in report.classes.enumerated() {
            let x = left + cell * (Double(j) + 0.5)
            svg += "<text transform=\"translate(\(c(x)),\(c(top - 8))) rotate(-55)\">\(HTMLText.escape(name))</text>\n"
        }
        for (i, name) in report.classes.enumerated() {
            let rowTotal = max(report.confusion[i].reduce(0, +), 1)
            let y = top + cell * Double(i)
            svg +=
                "<text x=\"\(c(left - 8))\" y=\"\(c(y + cell / 2 + 4))\" text-anchor=\"end\">\(HTMLText.escape(name))</text>\n"
            for j in 0..<n {
                let count = report.confusion[i][j]
                let share = Double(count) / Double(rowTotal)
                let x = left + cell * Double(j)
                let fill =
                    i == j ? shade(share, red: 47, green: 111, blue: 182) : shade(share, red: 176, green: 58, blue: 46)
                svg +=
                    "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(cell))\" height=\"\(c(cell))\" fill=\"\(fill)\" stroke=\"#ffffff\">"
                svg +=
                    "<title>\(HTMLText.escape(name)) → \(HTMLText.escape(report.classes[j])): \(count)</title></rect>"
                if count > 0 {
                    let ink = share > 0.5 ? "#ffffff" : "#1d2430"
                    svg +=
                        "<text x=\"\(c(x + cell / 2))\" y=\"\(c(y + cell / 2 + 4))\" text-anchor=\"middle\" style=\"fill:\(ink)\">\(count)</text>"
                }
                svg += "\n"
            }
        }
        svg +=
            "<text x=\"\(c(left))\" y=\"\(c(top + cell * Double(n) + 24))\">colour: share of the true class's examples</text>\n"
        return svg + "</svg>\n"
    }

    /// Accuracy against mean confidence per confidence bin, with the diagonal of perfect calibration.
    static func reliabilityDiagram(_ bins: [ReliabilityBin], ece: Double) -> String {
        let size = 360.0, left = 60.0, top = 20.0
        var svg = open(width: left + size + 180, height: top + size + 50, title: "Reliability diagram")
        func x(_ v: Double) -> Double { left + v * size }
        func y(_ v: Double) -> Double { top + (1 - v) * size }
        svg +=
            "<rect x=\"\(c(left))\" y=\"\(c(top))\" width=\"\(c(size))\" height=\"\(c(size))\" fill=\"#f7f8fa\" stroke=\"#c9ced8\"/>\n"
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            svg +=
                "<text x=\"\(c(x(tick)))\" y=\"\(c(top + size + 18))\" text-anchor=\"middle\">\(HTMLText.fixed(tick, 2))</text>"
            svg +=
                "<text x=\"\(c(left - 6))\" y=\"\(c(y(tick) + 4))\" text-anchor=\"end\">\(HTMLText.fixed(tick, 2))</text>\n"
        }
        let total = max(bins.reduce(0) { $0 + $1.count }, 1)
        for bin in bins where bin.count > 0 {
            let width = (bin.upper - bin.lower) * size
            svg += "<rect x=\"\(c(x(bin.lower) + 1))\" y=\"\(c(y(bin.accuracy)))\" width=\"\(c(width - 2))\" "
            svg +=
                "height=\"\(c(bin.accuracy * size))\" fill=\"#3b6fb6\" fill-opacity=\"\(HTMLText.fixed(0.35 + 0.65 * Double(bin.count) / Double(total), 2))\">"
            svg +=
                "<title>confidence \(HTMLText.fixed(bin.lower, 2))–\(HTMLText.fixed(bin.upper, 2)): \(bin.count) predictions, "
            svg +=
                "mean confidence \(HTMLText.fixed(bin.meanConfidence, 3)), accuracy \(HTMLText.fixed(bin.accuracy, 3))</title></rect>\n"
            svg +=
                "<circle cx=\"\(c(x(bin.meanConfidence)))\" cy=\"\(c(y(bin.accuracy)))\" r=\"3\" fill=\"#1d2430\"/>\n"
        }
        svg +=
            "<line x1=\"\(c(x(0)))\" y1=\"\(c(y(0)))\" x2=\"\(c(x(1)))\" y2=\"\(c(y(1)))\" stroke=\"#b03a2e\" stroke-dasharray=\"5 4\"/>\n"
        svg +=
            "<text x=\"\(c(left + size / 2))\" y=\"\(c(top + size + 40))\" text-anchor=\"middle\">confidence of the prediction</text>\n"
        svg += "<text x=\"\(c(left + size + 16))\" y=\"\(c(top + 20))\">ECE \(HTMLText.fixed(ece, 3))</text>\n"
        svg += "<text x=\"\(c(left + size + 16))\" y=\"\(c(top + 40))\">bars: accuracy per bin</text>\n"
        svg += "<text x=\"\(c(left + size + 16))\" y=\"\(c(top + 60))\">dots: mean confidence</text>\n"
        svg += "<text x=\"\(c(left + size + 16))\" y=\"\(c(top + 80))\">dashes: perfect calibration</text>\n"
        return svg + "</svg>\n"
    }

    private static func open(width: Double, height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(c(width)) \(c(height))\" width=\"\(c(width))\" "
            + "height=\"\(c(height))\" role=\"img\"><title>\(HTMLText.escape(title))</title>\n"
    }

    /// White blended towards the colour by `share` (0…1).
    private static func shade(_ share: Double, red: Int, green: Int, blue: Int) -> String {
        func mix(_ channel: Int) -> Int { Int((255 - Double(255 - channel) * min(max(share, 0), 1)).rounded()) }
        let hex = [mix(red), mix(green), mix(blue)].map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }
        return "#" + hex.joined()
    }

    private static func c(_ value: Double) -> String { HTMLText.coordinate(value) }
}
