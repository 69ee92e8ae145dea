import DisputeTriage
import Testing

@Suite struct RedactorTests {
    let redactor = Redactor()

    @Test func masksEmailsPhonesIBANsAndCards() {
        #expect(redactor.redact("mail jane.doe@acme-corp.fr now") == "mail [email] now")
        #expect(redactor.redact("Call +33 6 12 34 56 78 today") == "Call [phone] today")
        #expect(redactor.redact("call (514) 555-0199") == "call [phone]")
        #expect(redactor.redact("IBAN FR76 3000 6000 0112 3456 7890 189 please") == "IBAN [iban] please")
        #expect(redactor.redact("card 4111 1111 1111 1111 was charged") == "card [card] was charged")
    }

    @Test func leavesInvoiceDataAlone() {
        let text = "Invoice INV-2024-00123 for $1,234.56 dated 2024-03-15, PO 4500012345"
        #expect(redactor.redact(text) == text)
        // 16 digits that fail the Luhn check are not a card.
        #expect(!redactor.redact("ref 4111 1111 1111 1112").contains("[card]"))
    }
}
