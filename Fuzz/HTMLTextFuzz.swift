// libFuzzer harness for the Mail module's HTML-to-text converter.
//
// Built together with FuzzSupport.swift and Sources/Mail/*.swift into one module (see
// scripts/fuzz.sh).
//
// For every input (arbitrary bytes, read as UTF-8 with replacement) it converts the HTML to
// text and checks: the output is no more than 32 times the input plus a little (nested quotes
// are capped, entities shrink); no line ends in a space; the text of a <script> or <style>
// element never appears when the input has exactly one such element with a marker inside;
// converting the output again (as text it has no tags unless the input had literal `<`) never
// crashes; cleaning the output holds the cleaner's invariants.
// Any violated invariant prints a message and aborts, which libFuzzer reports as a crash.

func fuzzOneInput(_ bytes: UnsafeBufferPointer<UInt8>) {
    let html = String(decoding: bytes, as: UTF8.self)
    let text = HTMLText.convert(html)
    invariant(text.utf8.count <= 32 * html.utf8.count + 64, "\(html.utf8.count) bytes gave \(text.utf8.count)")
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        invariant(line.last != " ", "line ends in a space: \(line.debugDescription)")
    }
    // A marker inside one closed script element must not survive.
    let wrapped = HTMLText.convert(
        "<p>a</p><script>" + html.replacingOccurrences(of: "<", with: "") + "ZQXMARK</script><p>b</p>")
    invariant(!wrapped.contains("ZQXMARK"), "script content leaked: \(wrapped.debugDescription)")
    _ = HTMLText.convert(text)
    let cleaned = BodyCleaner().clean(text)
    invariant(!cleaned.text.contains("\n\n\n"), "cleaned text has three line breaks in a row")
}
