import Testing

@testable import Mail

@Suite("Threads")
struct ThreadTests {
    typealias Member = MailThreads.Member

    static func member(
        _ id: String?, replyTo: [String] = [], references: [String] = [], subject: String, at time: Int64?
    ) -> Member {
        Member(messageID: id, inReplyTo: replyTo, references: references, subject: subject, timestamp: time)
    }

    @Test("References and In-Reply-To link replies; members in date order; threads by first appearance")
    func references() {
        let members = [
            Self.member("c", replyTo: ["b"], subject: "Re: Re: invoice 1", at: 300),
            Self.member("x", subject: "Other dispute", at: 50),
            Self.member("a", subject: "invoice 1", at: 100),
            Self.member("b", replyTo: ["a"], references: ["a"], subject: "Re: invoice 1", at: 200),
        ]
        #expect(MailThreads.group(members) == [[2, 3, 0], [1]])
    }

    @Test(
        "replies to a message not in the set join; subject fallback only for reply prefixes without threading headers")
    func fallbacks() {
        let members = [
            Self.member("r1", replyTo: ["missing"], subject: "Re: credit note", at: 10),
            Self.member("r2", replyTo: ["missing"], subject: "RE: something else", at: 20),
            Self.member("n1", subject: "Price error", at: 30),
            Self.member("n2", subject: "TR : Price  error", at: 40),
            Self.member("n3", subject: "Price error", at: 50),
            Self.member("n4", replyTo: ["elsewhere"], subject: "Re: Price error", at: 60),
        ]
        #expect(MailThreads.group(members) == [[0, 1], [2, 3], [4], [5]])
    }

    @Test("a repeated Message-ID is left out; missing dates keep input order")
    func duplicates() {
        let members = [
            Self.member("a", subject: "x", at: nil),
            Self.member("b", replyTo: ["a"], subject: "Re: x", at: 5),
            Self.member("a", subject: "x", at: nil),
        ]
        #expect(MailThreads.group(members) == [[0, 1]])
    }

    @Test("subject normalisation")
    func subjects() {
        #expect(SubjectNormalizer.normalize("RE: Fwd:  TR : Facture  F-12") == "facture f-12")
        #expect(SubjectNormalizer.normalize("Re[2]: x") == "x")
        #expect(SubjectNormalizer.stripPrefixes("Re: Fwd: Invoice INV-7") == "Invoice INV-7")
        #expect(SubjectNormalizer.hasReplyPrefix("Réf : avoir"))
        #expect(!SubjectNormalizer.hasReplyPrefix("Remise: 10%"))
    }

    @Test("a thread's dispute text: subject once, then each message's new text, the latest last")
    func disputeText() throws {
        let first = try MailFixtures.intake(
            "Message-ID: <a@x>\nSubject: Invoice 12\nDate: Mon, 2 Mar 2026 10:00:00 +0000\nFrom: b@client.example\n\nThe price is wrong.\n"
        )
        let reply = try MailFixtures.intake(
            "Message-ID: <b@x>\nIn-Reply-To: <a@x>\nSubject: Re: Invoice 12\nDate: Tue, 3 Mar 2026 10:00:00 +0000\nFrom: b@client.example\n\nWe will go to court.\n\nOn Mon, b wrote:\nThe price is wrong.\n"
        )
        let disputes = MailDispute.disputes(from: [reply, first])
        #expect(disputes.count == 1)
        #expect(disputes[0].id == "b@x")
        #expect(disputes[0].threadID == "a@x")
        #expect(disputes[0].text == "Invoice 12\n\nThe price is wrong.\n\nWe will go to court.")
        #expect(MailDispute.disputes(from: [reply, first], threads: false).count == 2)
    }

    @Test("the subject line is scored only when it says something the text does not")
    func subjectCoverage() {
        #expect(SubjectCoverage.isCovered("Invoice #8801", by: ["Invoices 8801 and 8802 include sales tax."]))
        #expect(SubjectCoverage.isCovered("Facture n° F-2231", by: ["La facture F-2231 est fausse."]))
        #expect(SubjectCoverage.isCovered("Invoice no. 12", by: ["Hello,", "invoice 12 is wrong"]))
        // A number the text does not name, or another word, keeps the subject.
        #expect(!SubjectCoverage.isCovered("Invoice 13", by: ["invoice 12 is wrong"]))
        #expect(!SubjectCoverage.isCovered("Urgent: invoice 12", by: ["invoice 12 is wrong"]))
        // "No" is a word of its own when no identifier follows it.
        #expect(!SubjectCoverage.isCovered("No delivery", by: ["The delivery never came."]))
    }

    @Test("follow-ups that only ask for news")
    func followUps() {
        #expect(FollowUps.onlyAsksForNews("Hello,\n\nAny news on this?"))
        #expect(FollowUps.onlyAsksForNews("Bonjour,\n\nAvez-vous des nouvelles ?\n\nCordialement"))
        #expect(FollowUps.onlyAsksForNews("Hi Anna,\nany update please?"))
        #expect(!FollowUps.onlyAsksForNews("Hello,\n\nAny news on this? Otherwise we will go to court."))
        #expect(!FollowUps.onlyAsksForNews("We will go to court."))
    }

    @Test("a thread's text leaves out a covered subject line and a bare request for news")
    func disputeTextLeavesOutRepeats() throws {
        let first = try MailFixtures.intake(
            "Message-ID: <a@x>\nSubject: Invoice #12\nDate: Mon, 2 Mar 2026 10:00:00 +0000\nFrom: b@client.example\n\nThe price on invoice 12 is wrong.\n"
        )
        let chase = try MailFixtures.intake(
            "Message-ID: <b@x>\nIn-Reply-To: <a@x>\nSubject: Re: Invoice #12\nDate: Tue, 3 Mar 2026 10:00:00 +0000\nFrom: b@client.example\n\nHello,\n\nAny news on this?\n"
        )
        let threat = try MailFixtures.intake(
            "Message-ID: <c@x>\nIn-Reply-To: <b@x>\nSubject: Re: Invoice #12\nDate: Wed, 4 Mar 2026 10:00:00 +0000\nFrom: b@client.example\n\nWe will go to court.\n"
        )
        #expect(MailDispute.disputes(from: [first, chase])[0].text == "The price on invoice 12 is wrong.")
        #expect(
            MailDispute.disputes(from: [first, chase, threat])[0].text
                == "The price on invoice 12 is wrong.\n\nWe will go to court.")
        // Alone, the request for news is all there is: it is kept, with the subject that names the invoice.
        #expect(MailDispute.disputes(from: [chase])[0].text == "Invoice #12\n\nHello,\n\nAny news on this?")
    }

    @Test("address lists: one address per entry, commas inside quoted names do not split")
    func addressLists() {
        #expect(
            MailAddress.addresses(#""Doe, Jane" <Jane@X.example>, ar@supplier.example, Bob <bob@y.example>"#)
                == ["jane@x.example", "ar@supplier.example", "bob@y.example"])
        #expect(MailAddress.addresses("undisclosed-recipients:;").isEmpty)
    }

    @Test("the inbox owner is the address more than half of the messages are sent to")
    func inboxOwner() throws {
        func message(_ id: String, from: String, to: String) throws -> IntakeMessage {
            try MailFixtures.intake("Message-ID: <\(id)@x>\nFrom: \(from)\nTo: \(to)\nSubject: s\n\nText.\n")
        }
        let inbox = [
            try message("a", from: "c1@client.example", to: "AR <ar@supplier.example>"),
            try message("b", from: "ar@supplier.example", to: "c1@client.example"),
            try message("c", from: "c2@other.example", to: "ar@supplier.example, c3@other.example"),
        ]
        #expect(InboxOwner.address(of: inbox) == "ar@supplier.example")
        // Two messages each sent elsewhere, or one message alone: no owner.
        #expect(InboxOwner.address(of: Array(inbox.prefix(2))) == nil)
        #expect(InboxOwner.address(of: [inbox[0]]) == nil)
    }

    @Test("a thread's text leaves out the inbox owner's own replies, unless the owner wrote all of it")
    func ownerRepliesLeftOut() throws {
        let dispute = try MailFixtures.intake(
            "Message-ID: <a@x>\nFrom: c@client.example\nTo: ar@supplier.example\nSubject: Invoice 12\nDate: Mon, 2 Mar 2026 10:00:00 +0000\n\nThe price on invoice 12 is wrong, we will not pay it.\n"
        )
        let reply = try MailFixtures.intake(
            "Message-ID: <b@x>\nIn-Reply-To: <a@x>\nFrom: ar@supplier.example\nTo: c@client.example\nSubject: Re: Invoice 12\nDate: Tue, 3 Mar 2026 10:00:00 +0000\n\nThank you, we are looking into it.\n"
        )
        let escalation = try MailFixtures.intake(
            "Message-ID: <c@x>\nIn-Reply-To: <b@x>\nFrom: c@client.example\nTo: ar@supplier.example\nSubject: Re: Invoice 12\nDate: Wed, 4 Mar 2026 10:00:00 +0000\n\nStill wrong. Our lawyer will contact you.\n"
        )
        let disputes = MailDispute.disputes(from: [dispute, reply, escalation])
        #expect(disputes.count == 1)
        #expect(
            disputes[0].text
                == "The price on invoice 12 is wrong, we will not pay it.\n\nStill wrong. Our lawyer will contact you.")
        #expect(disputes[0].messageIDs == ["a@x", "b@x", "c@x"])
        #expect(
            MailDispute([reply], inboxOwner: "ar@supplier.example").text
                == "Invoice 12\n\nThank you, we are looking into it.")
    }
}
