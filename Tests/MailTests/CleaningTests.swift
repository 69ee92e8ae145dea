import Testing

@testable import Mail

@Suite("Body cleaning")
struct CleaningTests {
    let cleaner = BodyCleaner()

    func kinds(_ cleaned: CleanedBody) -> [Removal.Kind] { cleaned.removals.map(\.kind) }

    @Test("English reply: text above \"On … wrote:\" kept, the rest removed and counted")
    func englishReply() {
        let body =
            "We already paid INV-1042 on 3 March.\n\nOn Tue, 3 Mar 2026 at 09:15, AR Team <ar@supplier.example> wrote:\nPlease pay invoice INV-1042.\n"
        let cleaned = cleaner.clean(body)
        #expect(cleaned.text == "We already paid INV-1042 on 3 March.")
        #expect(kinds(cleaned) == [.quotedHistory])
        let removed =
            "On Tue, 3 Mar 2026 at 09:15, AR Team <ar@supplier.example> wrote:\nPlease pay invoice INV-1042.\n\n"
        #expect(cleaned.removals[0].characters == removed.unicodeScalars.count)
    }

    @Test("French reply, attribution wrapped over two lines")
    func frenchReply() {
        let body =
            "Le montant facturé est faux.\n\nLe mar. 3 mars 2026 à 09:15, Service Client <\nclient@fournisseur.example> a écrit :\nBonjour, voici la facture.\n"
        #expect(cleaner.clean(body).text == "Le montant facturé est faux.")
    }

    @Test("Outlook header blocks, English and French, with the underscore separator")
    func outlookBlocks() {
        let english =
            "Still not fixed.\n\n________________________________\nFrom: AR <ar@s.example>\nSent: Monday, March 2, 2026 10:00 AM\nTo: Buyer <b@c.example>\nSubject: Invoice\n\nOld text"
        #expect(cleaner.clean(english).text == "Still not fixed.")
        let french =
            "Toujours pas corrigé.\n\nDe : Comptabilité <compta@f.example>\nEnvoyé : lundi 2 mars 2026 10:00\nÀ : Acheteur <a@c.example>\nObjet : Facture\n\nAncien texte"
        let cleaned = cleaner.clean(french)
        #expect(cleaned.text == "Toujours pas corrigé.")
        #expect(kinds(cleaned) == [.quotedHistory])
        let original = "Price is wrong.\n-----Original Message-----\nFrom: x\nold"
        #expect(cleaner.clean(original).text == "Price is wrong.")
    }

    @Test("bottom-posting: quoted lines go, the reply below them stays")
    func bottomPosting() {
        let body = "On Mon, Jane wrote:\n> Did you receive the goods?\n> Thanks\n\nYes, but 3 boxes were crushed.\n"
        let cleaned = cleaner.clean(body)
        #expect(cleaned.text == "Yes, but 3 boxes were crushed.")
        #expect(kinds(cleaned) == [.quotedLines])
    }

    @Test("a forward with no note keeps the forwarded text; one with a note drops it")
    func forwards() {
        let bare =
            "FYI\n\n---------- Forwarded message ---------\nFrom: Client <c@x.example>\nDate: Mon, 2 Mar 2026\nSubject: Invoice 77\nTo: <ar@s.example>\n\nWe were billed twice for order 77.\n"
        let kept = cleaner.clean(bare)
        #expect(kept.text == "FYI\n\nWe were billed twice for order 77.")
        #expect(kinds(kept) == [.forwardHeader])
        let noted =
            "Please look at the customer's complaint below, it is the third time this month.\n\n-------- Message transféré --------\nObjet : Facture\nDe : Client\n\nTexte du client"
        let dropped = cleaner.clean(noted)
        #expect(dropped.text == "Please look at the customer's complaint below, it is the third time this month.")
        #expect(kinds(dropped) == [.forwardedMessage])
    }

    @Test("signatures: -- delimiter, closing with contact block, mobile footer; closings inside the text stay")
    func signatures() {
        let delimited = "The credit note is missing.\n-- \nJohn Smith\nBuyer"
        #expect(cleaner.clean(delimited).text == "The credit note is missing.")
        let closing =
            "Merci de corriger la facture F-12.\n\nCordialement,\nMarie Dupont\nResponsable achats\nTél. +33 1 23 45 67 89\nwww.client.example"
        let cleaned = cleaner.clean(closing)
        #expect(cleaned.text == "Merci de corriger la facture F-12.")
        #expect(kinds(cleaned) == [.signature])
        #expect(cleaner.clean("Please fix it.\n\nSent from my iPhone").text == "Please fix it.")
        let inText =
            "Thanks for the call.\nThe invoice still shows the old price of 14.20 per unit, please reissue it with 12.40 as agreed in the contract signed in January."
        #expect(cleaner.clean(inText).text == inText)
    }

    @Test("confidentiality notices, English and French, with their heading")
    func disclaimers() {
        let body = """
            We dispute the freight charge on INV-9.

            DISCLAIMER:
            This e-mail and any attachments are confidential and intended solely for the addressee.

            Ce message et toutes les pièces jointes sont confidentiels et établis à l’intention exclusive de ses destinataires.
            """
        let cleaned = cleaner.clean(body)
        #expect(cleaned.text == "We dispute the freight charge on INV-9.")
        #expect(kinds(cleaned) == [.disclaimer])
    }

    @Test("a body with nothing to remove is unchanged apart from line ends and outer blank lines")
    func untouched() {
        let cleaned = cleaner.clean("\r\nLine one\r\n\r\n\r\nLine two  \r\n")
        #expect(cleaned.text == "Line one\n\nLine two")
        #expect(cleaned.removals.isEmpty)
    }

    @Test("intake keeps the raw body, and cleaning off keeps the history")
    func intake() throws {
        let text = "Subject: Re: INV-5\n\nWrong VAT rate.\n\nOn Mon, AR wrote:\nPlease pay.\n"
        let on = try MailFixtures.intake(text)
        #expect(on.text == "Wrong VAT rate.")
        #expect(on.body == "Wrong VAT rate.\r\n\r\nOn Mon, AR wrote:\r\nPlease pay.\r\n")
        let off = try MailFixtures.intake(text, cleaning: false)
        #expect(off.text == "Wrong VAT rate.\n\nOn Mon, AR wrote:\nPlease pay.")
        #expect(off.removals.isEmpty)
    }
}
