import Foundation
@_spi(Components) import Learners
import Testing
@_spi(Components) import TriageTestSupport

@testable import triage

/// The HTML evaluation report: self-contained, escaped, redacted, and showing the report's numbers.
@Suite struct EvaluationPageTests {
    static let labels = ["freight", "pricing", "tax"]

    /// 3 classes; `pricing` is twice taken for `tax`, with texts that need escaping and redacting.
    static func page() -> EvaluationPage {
        var builder = ClassificationReport.Builder(modelLabels: labels)
        var texts: [String] = []
        func add(_ truth: String, _ predicted: Int, confidence: Float, _ text: String) {
            var p = [Float](repeating: (1 - confidence) / 2, count: 3)
            p[predicted] = confidence
            builder.add(trueLabel: truth, probabilities: p)
            texts.append(text)
        }
        add("freight", 0, confidence: 0.9, "Fuel surcharge not agreed")
        add("freight", 0, confidence: 0.8, "Freight billed twice")
        add("pricing", 1, confidence: 0.7, "Price above the quote")
        add("pricing", 2, confidence: 0.6, "<script>alert(1)</script> write to jane@acme.fr & \"us\"")
        add("pricing", 2, confidence: 0.95, "VAT on the unit price? Call +33 6 12 34 56 78")
        add("tax", 2, confidence: 0.99, "Reverse charge applies")
        let report = builder.report(label: "subject")
        return EvaluationPage(
            title: "Evaluation <of> subject", report: report, reliability: builder.reliability(),
            examples: EvaluationPage.examples(builder, texts: texts), provenance: [("model", "Models/a&b")])
    }

    @Test("the page loads nothing and runs no script")
    func selfContained() {
        let html = Self.page().render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for forbidden in ["<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import"] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        // The only URL is the SVG namespace, which is a name, not a request.
        let urls = html.components(separatedBy: "http").count - 1
        #expect(urls == html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)
    }

    @Test("texts are escaped and redacted")
    func escapedAndRedacted() {
        let html = Self.page().render()
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; write to [email] &amp; &quot;us&quot;"))
        #expect(html.contains("Call [phone]"))
        #expect(!html.contains("jane@acme.fr"))
        #expect(html.contains("<title>Evaluation &lt;of&gt; subject</title>"))
        #expect(html.contains("Models/a&amp;b"))
    }

    @Test("headline, confusion cells, confused pairs and reliability come from the report")
    func content() {
        let page = Self.page()
        let html = page.render()
        #expect(page.report.accuracy == 4.0 / 6.0)
        #expect(html.contains("<div class=\"value\">0.667</div><div class=\"name\">accuracy</div>"))
        #expect(
            html.contains(
                "<div class=\"value\">\(HTMLText.fixed(page.report.ece, 3))</div><div class=\"name\">ECE</div>"))
        // One rect per confusion cell, each with a title naming the pair and its count.
        #expect(html.contains("<title>pricing → tax: 2</title>"))
        #expect(html.components(separatedBy: " → ").count - 1 == 9)
        #expect(
            html.contains("<strong>pricing</strong> taken for <strong>tax</strong> <span class=\"count\">2×</span>"))
        // Reliability: the bins hold every prediction, and the ECE is computed from them.
        #expect(page.reliability.reduce(0) { $0 + $1.count } == 6)
        let ece = page.reliability.reduce(0.0) { $0 + Double($1.count) / 6 * abs($1.meanConfidence - $1.accuracy) }
        #expect(abs(ece - page.report.ece) < 1e-12)
    }

    @Test(
        "numbers are formatted without locale",
        arguments: [
            (0.9133, 3, "0.913"), (1.0, 2, "1.00"), (0.0005, 3, "0.001"), (-0.25, 2, "-0.25"), (12.0, 0, "12"),
        ])
    func fixed(value: Double, digits: Int, expected: String) {
        #expect(HTMLText.fixed(value, digits) == expected)
    }
}
