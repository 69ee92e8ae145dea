import DisputeTriage
@_spi(Components) import Learners

/// A self-contained HTML page for an evaluation (`triage evaluate --format html`) or a
/// cross-validation (`triage crossvalidate --format html`): headline metrics, per-class precision,
/// recall and F1, the confusion matrix as a heat map, a reliability diagram with the ECE, the most
/// confused pairs with example texts (passed through ``Redactor``), the words each class rests on
/// (evaluations of one model), and where the model came from.
/// Charts are inline SVG and the style is inline CSS: the page loads nothing and runs no script.
struct EvaluationPage {
    /// One evaluated example, kept for the "most confused" section.
    struct Example {
        var truth: String
        var prediction: String
        var text: String
    }

    var title: String
    var report: ClassificationReport
    var reliability: [ReliabilityBin]
    var examples: [Example]
    /// Rows of the "where it came from" table (model, data, provenance, settings).
    var provenance: [(String, String)]
    /// Per-group results (`crossvalidate --group-by`), by group name.
    var groups: [(name: String, report: ClassificationReport)] = []
    /// Per class, the words it rests on, best first (``TextClassifier/classWords(limit:)``); none for
    /// a cross-validation, which has no one model.
    var classWords: [(label: String, words: [String])] = []

    /// How many confused pairs and example texts per pair are shown.
    static let confusedPairs = 6
    static let examplesPerPair = 3
    /// Example texts are cut to this many characters.
    static let exampleLength = 240

    /// Gathers the examples from a builder filled with the same records, in the same order.
    static func examples(_ builder: ClassificationReport.Builder, texts: [String]) -> [Example] {
        zip(zip(builder.truths, builder.predictions), texts).map { Example(truth: $0.0, prediction: $0.1, text: $1) }
    }

    /// The page.
    func render() -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(title))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <h1>\(HTMLText.escape(title))</h1>

            """
        html += headline()
        html += section("Per class", EvaluationCharts.classBars(report))
        html += section("Confusion matrix", EvaluationCharts.confusionHeatMap(report))
        html += section("Reliability", EvaluationCharts.reliabilityDiagram(reliability, ece: report.ece))
        html += section("Most confused pairs", confusedPairs())
        if !classWords.isEmpty { html += section("Words each class rests on", classWordTable()) }
        if !groups.isEmpty { html += section("By group", groupTable()) }
        html += section("Where it came from", table(provenance))
        html += "<footer>DisputeTriage \(HTMLText.escape(LibraryVersion.current))</footer>\n</body>\n</html>\n"
        return html
    }

    private func section(_ heading: String, _ body: String) -> String {
        "<section>\n<h2>\(HTMLText.escape(heading))</h2>\n\(body)</section>\n"
    }

    private func headline() -> String {
        let cards = [
            ("examples", String(report.n)), ("accuracy", HTMLText.fixed(report.accuracy, 3)),
            ("macro-F1", HTMLText.fixed(report.macroF1, 3)), ("log-loss", HTMLText.fixed(report.logLoss, 3)),
            ("ECE", HTMLText.fixed(report.ece, 3)), ("classes", String(report.classes.count)),
        ]
        let items = cards.map {
            "<div class=\"card\"><div class=\"value\">\($1)</div><div class=\"name\">\($0)</div></div>"
        }
        return "<div class=\"cards\">\n" + items.joined(separator: "\n") + "\n</div>\n"
    }

    private func confusedPairs() -> String {
        var pairs: [(truth: Int, prediction: Int, count: Int)] = []
        for (i, row) in report.confusion.enumerated() {
            for (j, count) in row.enumerated() where i != j && count > 0 { pairs.append((i, j, count)) }
        }
        pairs.sort {
            $0.count != $1.count ? $0.count > $1.count : ($0.truth, $0.prediction) < ($1.truth, $1.prediction)
        }
        guard !pairs.isEmpty else { return "<p>No example was misclassified.</p>\n" }
        let redactor = Redactor()
        var html = "<ol class=\"pairs\">\n"
        for pair in pairs.prefix(Self.confusedPairs) {
            let truth = report.classes[pair.truth]
            let prediction = report.classes[pair.prediction]
            html +=
                "<li><strong>\(HTMLText.escape(truth))</strong> taken for <strong>\(HTMLText.escape(prediction))</strong>"
            html += " <span class=\"count\">\(pair.count)×</span>\n<ul>\n"
            let texts = examples.filter { $0.truth == truth && $0.prediction == prediction }.prefix(
                Self.examplesPerPair)
            for example in texts {
                var text = redactor.redact(example.text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
                if text.count > Self.exampleLength { text = String(text.prefix(Self.exampleLength)) + "…" }
                html += "<li><q>\(HTMLText.escape(text))</q></li>\n"
            }
            html += "</ul></li>\n"
        }
        return html + "</ol>\n"
    }

    private func classWordTable() -> String {
        var html = "<p>The words and phrases that push each class up the most when a text holds them once.</p>\n"
        html += "<table>\n<tr><th>class</th><th>words</th></tr>\n"
        for (label, words) in classWords {
            let list = words.isEmpty ? "—" : words.map(HTMLText.escape).joined(separator: ", ")
            html += "<tr><td>\(HTMLText.escape(label))</td><td>\(list)</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private func groupTable() -> String {
        var html = "<table>\n<tr><th>group</th><th>n</th><th>accuracy</th><th>macro-F1</th></tr>\n"
        for (name, report) in groups {
            html += "<tr><td>\(HTMLText.escape(name))</td><td class=\"num\">\(report.n)</td>"
            html += "<td class=\"num\">\(HTMLText.fixed(report.accuracy, 3))</td>"
            html += "<td class=\"num\">\(HTMLText.fixed(report.macroF1, 3))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private func table(_ rows: [(String, String)]) -> String {
        var html = "<table class=\"facts\">\n"
        for (name, value) in rows {
            html += "<tr><th>\(HTMLText.escape(name))</th><td>\(HTMLText.escape(value))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1100px;\
        padding:0 1rem;color:#1d2430;background:#fff}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2.2rem;\
        border-bottom:1px solid #d8dde6;padding-bottom:.3rem}.cards{display:flex;flex-wrap:wrap;gap:.8rem}\
        .card{border:1px solid #d8dde6;border-radius:8px;padding:.7rem 1.1rem;min-width:7rem}\
        .card .value{font-size:1.5rem;font-weight:600}.card .name{color:#5b6576;font-size:.85rem}\
        svg{max-width:100%;height:auto;font-family:inherit}svg text{font-size:12px;fill:#1d2430}\
        table{border-collapse:collapse;margin-top:.5rem}td,th{border:1px solid #d8dde6;padding:.3rem .6rem;\
        text-align:left;vertical-align:top}td.num{text-align:right;font-variant-numeric:tabular-nums}\
        .facts th{background:#f3f5f8;font-weight:500}.pairs li{margin:.4rem 0}.pairs ul{color:#3b4656}\
        .count{color:#b03a2e;font-weight:600}q{font-style:italic}footer{margin-top:2rem;color:#5b6576;font-size:.8rem}
        """
}
