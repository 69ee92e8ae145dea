/// A small line chart as SVG text, so the simulation curve can be viewed without plotting libraries.
struct SVGPlot {
    struct Series { var name: String; var color: String; var points: [(x: Double, y: Double)] }

    var title: String
    var xLabel: String
    var yLabel: String
    var yRange: ClosedRange<Double>
    var series: [Series]
    /// Vertical markers (x, label), e.g. the change of business weights.
    var markers: [(x: Double, label: String)] = []
    /// Horizontal reference lines (y, label), e.g. targets.
    var guides: [(y: Double, label: String)] = []

    func render(width: Double = 760, height: Double = 420) -> String {
        let left = 60.0, right = 20.0, top = 40.0, bottom = 50.0
        let xs = series.flatMap { $0.points.map(\.x) }
        let xMin = xs.min() ?? 0, xMax = max(xs.max() ?? 1, xMin + 1)
        func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * (width - left - right) }
        func py(_ y: Double) -> Double {
            top + (yRange.upperBound - y) / (yRange.upperBound - yRange.lowerBound) * (height - top - bottom)
        }
        func f(_ v: Double) -> String { String(Int((v * 10).rounded())).withDecimal }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += "<text x=\"\(f(width / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">\(title)</text>\n"
        // Axes and grid.
        let steps = 5
        for i in 0...steps {
            let y = yRange.lowerBound + (yRange.upperBound - yRange.lowerBound) * Double(i) / Double(steps)
            svg +=
                "<line x1=\"\(f(left))\" y1=\"\(f(py(y)))\" x2=\"\(f(width - right))\" y2=\"\(f(py(y)))\" stroke=\"#ddd\"/>\n"
            svg +=
                "<text x=\"\(f(left - 6))\" y=\"\(f(py(y) + 4))\" text-anchor=\"end\">\(String(format: "%.2f", y))</text>\n"
        }
        for i in 0...steps {
            let x = xMin + (xMax - xMin) * Double(i) / Double(steps)
            svg += "<text x=\"\(f(px(x)))\" y=\"\(f(height - bottom + 18))\" text-anchor=\"middle\">\(Int(x))</text>\n"
        }
        svg += "<text x=\"\(f(width / 2))\" y=\"\(f(height - 10))\" text-anchor=\"middle\">\(xLabel)</text>\n"
        svg +=
            "<text x=\"16\" y=\"\(f(height / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(f(height / 2)))\">\(yLabel)</text>\n"
        for guide in guides {
            svg +=
                "<line x1=\"\(f(left))\" y1=\"\(f(py(guide.y)))\" x2=\"\(f(width - right))\" y2=\"\(f(py(guide.y)))\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>\n"
            svg +=
                "<text x=\"\(f(width - right - 4))\" y=\"\(f(py(guide.y) - 4))\" text-anchor=\"end\" fill=\"#666\">\(guide.label)</text>\n"
        }
        for marker in markers {
            svg +=
                "<line x1=\"\(f(px(marker.x)))\" y1=\"\(f(top))\" x2=\"\(f(px(marker.x)))\" y2=\"\(f(height - bottom))\" stroke=\"#c00\" stroke-dasharray=\"6 3\"/>\n"
            svg += "<text x=\"\(f(px(marker.x) + 4))\" y=\"\(f(top + 12))\" fill=\"#c00\">\(marker.label)</text>\n"
        }
        for (i, s) in series.enumerated() {
            let path = s.points.map { "\(f(px($0.x))),\(f(py(min(max($0.y, yRange.lowerBound), yRange.upperBound))))" }
                .joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(s.color)\" stroke-width=\"2\" points=\"\(path)\"/>\n"
            svg +=
                "<rect x=\"\(f(left + 10))\" y=\"\(f(height - bottom - 60 + Double(i) * 16))\" width=\"12\" height=\"3\" fill=\"\(s.color)\"/>\n"
            svg += "<text x=\"\(f(left + 28))\" y=\"\(f(height - bottom - 55 + Double(i) * 16))\">\(s.name)</text>\n"
        }
        return svg + "</svg>\n"
    }
}

extension String {
    /// "1234" (tenths) → "123.4".
    fileprivate var withDecimal: String {
        let negative = hasPrefix("-")
        var digits = negative ? String(dropFirst()) : self
        while digits.count < 2 { digits = "0" + digits }
        return (negative ? "-" : "") + digits.dropLast() + "." + digits.suffix(1)
    }
}
