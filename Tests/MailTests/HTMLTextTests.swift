import Testing

@testable import Mail

@Suite("HTML to text")
struct HTMLTextTests {
    @Test("blocks, br, entities, lists, tables; script, style and comments dropped")
    func structure() {
        let html = """
            <html><head><title>T</title><style>p { color: red }</style></head><body>
            <h1>Invoice&nbsp;#42</h1><p>Dear&#160;team,<br>we were charged   twice &amp; more &eacute;&#x20AC;&#128;.</p>
            <!-- hidden --><script>alert("x")</script>
            <ul><li>first item</li><li>second</li></ul>
            <table><tr><th>Item</th><th>Qty</th></tr><tr><td>Pallet</td><td>3</td></tr></table>
            <div>Unclosed &unknown; &lt;tag&gt;</div>
            """
        #expect(
            HTMLText.convert(html) == """
                Invoice #42

                Dear team,
                we were charged twice & more é€€.

                - first item
                - second

                Item | Qty
                Pallet | 3

                Unclosed &unknown; <tag>
                """)
    }

    @Test("blockquote content becomes > lines; pre keeps its lines")
    func quotesAndPre() {
        #expect(
            HTMLText.convert("<p>New text</p><blockquote><p>Old text</p>line 2</blockquote>")
                == "New text\n\n> Old text\n\n> line 2")
        #expect(HTMLText.convert("<pre>a  b\nc</pre>") == "a  b\nc")
    }

    @Test("broken markup: a lone <, an unterminated tag or comment, uppercase tags")
    func broken() {
        #expect(HTMLText.convert("a < b") == "a < b")
        #expect(HTMLText.convert("x<!-- never closed") == "x")
        #expect(HTMLText.convert("x<P>y<BR>z<SCRIPT>no</SCRIPT>") == "x\n\ny\nz")
        #expect(HTMLText.convert("tail <a href=\"x>") == "tail")
    }
}
