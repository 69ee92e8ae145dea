/// A thread of messages as one dispute to score: its text is the thread's subject, then each
/// message's cleaned text in date order, the latest last.
///
/// Three things are left out because they would only repeat or dilute what the customer wrote:
/// the messages the inbox's owner sent (its own replies, when the owner is known: `InboxOwner`),
/// the subject line when every word of it is already in the text (`SubjectCoverage`), and a
/// follow-up that only asks for news (`FollowUps`) when other messages say what the dispute is.
public struct MailDispute: Sendable {
    /// The latest message's id (its Message-ID or file name).
    public let id: String
    /// The first message's id: the same for every message of the thread.
    public let threadID: String
    /// Ids of the messages, in date order.
    public let messageIDs: [String]
    /// The latest message's From field, decoded (`Jane Doe <jane@acme.example>`).
    public let from: String?
    /// The senders' addresses, lower-cased, the latest message's first.
    package let fromAddresses: [String]
    /// The latest message's Date field as written.
    public let date: String?
    /// The latest message's Subject, decoded, prefixes kept.
    public let subject: String?
    /// The text to score: the subject line (unless the messages already say all of it), then each
    /// message's cleaned text in date order, the latest last.
    public let text: String

    /// Builds the disputes of `messages`: one per thread (by References and In-Reply-To, else by
    /// subject), or one per message when `threads` is false. Threads are in the order of their
    /// first message.
    public static func disputes(from messages: [IntakeMessage], threads: Bool = true) -> [MailDispute] {
        let groups = threads ? MailThreads.group(messages.map(\.threadMember)) : messages.indices.map { [$0] }
        let owner = InboxOwner.address(of: messages)
        return groups.map { group in MailDispute(group.map { messages[$0] }, inboxOwner: owner) }
    }

    /// Also used for a single message: `members` in date order. Messages from `inboxOwner` are
    /// left out of the text unless every member is from it.
    package init(_ members: [IntakeMessage], inboxOwner: String? = nil) {
        precondition(!members.isEmpty, "a thread has at least one message")
        let latest = members[members.count - 1]
        id = latest.id
        threadID = members[0].id
        messageIDs = members.map(\.id)
        from = latest.from
        // Latest first: the sender to match a customer with is the one who wrote last.
        fromAddresses = members.reversed().compactMap(\.fromAddress)
        date = latest.date
        subject = latest.subject
        let customers = members.filter { inboxOwner == nil || $0.fromAddress != inboxOwner }
        let texts = (customers.isEmpty ? members : customers).map(\.text).filter { !$0.isEmpty }
        let content = texts.filter { !FollowUps.onlyAsksForNews($0) }
        var parts = content.isEmpty ? texts : content
        let title = SubjectNormalizer.stripPrefixes(latest.subject ?? members[0].subject ?? "")
        if !title.isEmpty && !SubjectCoverage.isCovered(title, by: parts) { parts.insert(title, at: 0) }
        text = parts.joined(separator: "\n\n")
    }
}
