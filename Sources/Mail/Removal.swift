/// Something the cleaner took out of a body, for the record: what kind of text and how much.
package struct Removal: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable {
        /// Earlier messages below a reply: "On … wrote:", "Le … a écrit :", "-----Original Message-----",
        /// an Outlook header block (From/Sent/To/Subject, De/Envoyé/À/Objet) and all that follows.
        case quotedHistory = "quoted_history"
        /// Lines quoted with `>`, and the attribution line above them.
        case quotedLines = "quoted_lines"
        /// The marker and header block of a forwarded message whose text is kept, because the
        /// forwarding note says (almost) nothing of its own.
        case forwardHeader = "forward_header"
        /// The forwarded message below a forwarding note that has text of its own.
        case forwardedMessage = "forwarded_message"
        /// A signature: after `-- `, a closing ("Best regards", "Cordialement") followed by a contact
        /// block, "Sent from my iPhone".
        case signature
        /// A confidentiality or environment notice (English or French).
        case disclaimer
    }

    package let kind: Kind
    /// Unicode scalars removed (line breaks included).
    package let characters: Int

    package init(kind: Kind, characters: Int) {
        self.kind = kind
        self.characters = characters
    }
}

/// A body after cleaning: the text the sender wrote in this message, and what was removed.
package struct CleanedBody: Sendable, Equatable {
    package let text: String
    package let removals: [Removal]
}
