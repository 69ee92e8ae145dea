import Foundation

@testable import Mail

/// Builds test messages and parses them.
enum MailFixtures {
    /// `lines` joined with CR LF, as messages travel.
    static func crlf(_ lines: String) -> [UInt8] {
        Array(lines.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    static func message(_ text: String, limits: MailLimits = MailLimits()) throws -> MailMessage {
        try MailMessage(parsing: crlf(text), limits: limits)
    }

    static func body(_ text: String) throws -> String? {
        try message(text).body()?.text
    }

    static func intake(_ text: String, cleaning: Bool = true) throws -> IntakeMessage {
        try IntakeMessage(RawMail(file: "test.eml", index: 0, inMailbox: false, bytes: crlf(text)), cleaning: cleaning)
    }
}
