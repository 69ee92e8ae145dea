import Testing

@testable import Mail

@Suite("MIME decoding")
struct DecodingTests {
    @Test("quoted-printable body: soft breaks, =XX escapes, a stray = kept")
    func quotedPrintable() throws {
        let text = try MailFixtures.body(
            """
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            La facture F-2291 est d=C3=A9j=C3=A0 r=C3=A9gl=C3=A9e, mont=
            ant 1 200 =E2=82=AC; a=b
            """)
        #expect(text == "La facture F-2291 est déjà réglée, montant 1 200 €; a=b")
    }

    @Test("base64 body with line breaks and missing padding")
    func base64() throws {
        // "We already paid invoice INV-77 on March 3"
        let encoded = "V2UgYWxyZWFkeSBwYWlkIGludm9pY2UgSU5WLTc3\r\nIG9uIE1hcmNoIDM"
        let text = try MailFixtures.body("Content-Transfer-Encoding: base64\n\n" + encoded)
        #expect(text == "We already paid invoice INV-77 on March 3")
    }

    @Test("RFC 2047 encoded words in Subject and From; white space between adjacent words dropped")
    func encodedWords() throws {
        let message = try MailFixtures.message(
            """
            From: =?iso-8859-1?Q?Ren=E9e_Dupr=E9?= <renee@client.example>
            Subject: =?UTF-8?B?RmFjdHVyZSBlcnJvbsOpZQ==?= =?utf-8?q?_F-12?= (urgent)

            x
            """)
        #expect(message.subject == "Facture erronée F-12 (urgent)")
        #expect(message.from == "Renée Dupré <renee@client.example>")
        #expect(message.fromAddress == "renee@client.example")
    }

    @Test("RFC 2231 parameters: charset and continuations")
    func rfc2231() {
        let parameters = HeaderParameters("attachment; filename*0*=UTF-8''avoir%20n%C2%B0; filename*1=\" 12.pdf\"")
        #expect(parameters.value == "attachment")
        #expect(parameters.parameters["filename"] == "avoir n° 12.pdf")
        let latin = HeaderParameters("inline; name*=iso-8859-1'fr'r%E9clamation.txt")
        #expect(latin.parameters["name"] == "réclamation.txt")
    }

    @Test("multipart/alternative prefers text/plain; HTML only is converted")
    func alternative() throws {
        let both = try MailFixtures.message(
            """
            Content-Type: multipart/alternative; boundary="b1"

            --b1
            Content-Type: text/html

            <p>HTML version</p>
            --b1
            Content-Type: text/plain

            Plain version
            --b1--
            """)
        #expect(try both.body()?.text == "Plain version")
        let htmlOnly = try MailFixtures.message(
            """
            Content-Type: multipart/alternative; boundary=b1

            --b1
            Content-Type: text/html; charset=windows-1252
            Content-Transfer-Encoding: quoted-printable

            <p>Montant&nbsp;: 12=80</p><p>Second</p>
            --b1--
            """)
        #expect(try htmlOnly.body()?.mimeType == "text/html")
        #expect(try htmlOnly.body()?.text == "Montant : 12€\n\nSecond")
    }

    @Test("nested multipart/mixed > related > alternative, with attachments listed")
    func nested() throws {
        let message = try MailFixtures.message(
            """
            Content-Type: multipart/mixed; boundary=outer

            preamble
            --outer
            Content-Type: multipart/related; boundary=rel; start="<main@x>"

            --rel
            Content-Type: image/png
            Content-ID: <logo@x>
            Content-Transfer-Encoding: base64

            iVBORw0KGgo=
            --rel
            Content-Type: multipart/alternative; boundary=alt
            Content-ID: <main@x>

            --alt
            Content-Type: text/plain

            The pallets arrived damaged.
            --alt--
            --rel--
            --outer
            Content-Type: application/pdf; name="photo.pdf"
            Content-Disposition: attachment
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --outer--
            epilogue
            """)
        #expect(try message.body()?.text == "The pallets arrived damaged.")
        #expect(
            message.attachments == [
                MailAttachment(name: "", type: "image/png", size: 8),
                MailAttachment(name: "photo.pdf", type: "application/pdf", size: 9),
            ])
    }

    @Test("message/rfc822: an enclosed message is parsed, listed and used when there is no body of its own")
    func enclosedMessage() throws {
        let text = """
            Subject: Fwd: disputed invoice
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: message/rfc822

            Subject: Invoice 4411 is wrong
            From: buyer@client.example

            The unit price is 12.40, not 14.20.
            --m--
            """
        let message = try MailFixtures.message(text)
        #expect(try message.body() == nil)
        #expect(message.enclosedMessages.count == 1)
        #expect(message.attachments.first?.name == "Invoice 4411 is wrong.eml")
        #expect(try MailFixtures.intake(text).text == "The unit price is 12.40, not 14.20.")
    }

    @Test("a missing close boundary runs the last part to the end; no boundary at all is not a multipart")
    func brokenMultipart() throws {
        let unclosed = try MailFixtures.message("Content-Type: multipart/mixed; boundary=z\n\n--z\n\nlast part\n")
        #expect(try unclosed.body()?.text == "last part\r\n")
        let noBoundary = try MailFixtures.message("Content-Type: multipart/mixed; boundary=z\n\nno parts here\n")
        #expect(noBoundary.root.parts.isEmpty)
        #expect(try noBoundary.body() == nil)
    }

    @Test("a header block without its blank line, and a malformed Content-Type read as text/plain")
    func lenientHeaders() throws {
        let message = try MailFixtures.message("Subject: x\nContent-Type: text\nthis line starts the body\n")
        #expect(message.root.contentType == ContentType(type: "text", subtype: "plain"))
        #expect(try message.body()?.text == "this line starts the body\r\n")
    }

    @Test("dates parse to UTC seconds with their zone")
    func dates() {
        #expect(
            MailDate.secondsSince1970("Tue, 3 Mar 2026 09:15:00 +0100").map(MailDate.iso8601) == "2026-03-03T08:15:00Z")
        #expect(MailDate.secondsSince1970("3 Mar 26 09:15 GMT").map(MailDate.iso8601) == "2026-03-03T09:15:00Z")
        #expect(MailDate.secondsSince1970("not a date") == nil)
        #expect(MailDate.secondsSince1970("1 Jan 99999999999999 00:00") == nil)
    }
}
