import Foundation
import SystemSupport

/// Where messages come from: one message file (`.eml`, or any file that looks like a message),
/// an mbox file, or a folder read recursively in path order. Files are recognised by content
/// (`MailSniffer`), so test corpora named `.txt` work; in a folder, files that are not mail are
/// skipped and counted.
///
/// ```swift
/// let source = MailSource(path: "inbox.mbox")
/// try source.forEachMessage { raw in let message = try MailMessage(parsing: raw.bytes) }
/// ```
public struct MailSource: Sendable {
    package let path: String
    package let limits: MailLimits

    /// A source reading `path` (a message file, an mbox or a folder); nothing is read until
    /// ``forEachMessage(onError:_:)``.
    public init(path: String, limits: MailLimits = MailLimits()) {
        self.path = path
        self.limits = limits
    }

    /// Whether `path` should be read as mail rather than as a CSV/JSONL dispute file: a folder,
    /// a `.eml`/`.mbox` file, or a file of another extension whose content looks like mail.
    package static func isMail(path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            let lower = path.lowercased()
            return lower.hasSuffix(".eml") || lower.hasSuffix(".mbox")
        }
        if isDirectory.boolValue { return true }
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") || lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return false }
        if lower.hasSuffix(".eml") || lower.hasSuffix(".mbox") { return true }
        return (try? MailSniffer.kind(of: path)) != nil
    }

    /// Calls `body` with each message in order. Files in a folder that are not mail are skipped.
    ///
    /// - Parameters:
    ///   - onError: Called with a message that cannot be read (over a limit); by default it rethrows.
    ///     A handler that returns instead skips that message.
    ///   - body: Called with each message.
    /// - Returns: The number of files in a folder that were skipped as not mail.
    /// - Throws: ``MailError`` for an unreadable path, and what `body` or `onError` throw.
    @discardableResult
    public func forEachMessage(
        onError: (MailInputError) throws -> Void = { throw $0 },
        _ body: (RawMail) throws -> Void
    ) throws -> Int {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw MailError.unreadable(path: path, reason: "no such file or folder")
        }
        guard isDirectory.boolValue else {
            // A file named explicitly is read as a message even when it does not look like one
            // (a body without header fields), as Python's parser does.
            try read(path, kind: try MailSniffer.kind(of: path) ?? .message, onError: onError, body)
            return 0
        }
        var skipped = 0
        for file in try Self.files(below: path) {
            guard let kind = try MailSniffer.kind(of: file) else { skipped += 1; continue }
            try read(file, kind: kind, onError: onError, body)
        }
        return skipped
    }

    private func read(
        _ file: String, kind: MailSniffer.Kind, onError: (MailInputError) throws -> Void,
        _ body: (RawMail) throws -> Void
    ) throws {
        switch kind {
        case .message:
            let bytes: [UInt8]
            do {
                bytes = try Self.contents(of: file, limit: limits.maxMessageBytes)
            } catch let error as MailError {
                if case .messageTooLarge = error {
                    try onError(MailInputError(file: file, index: 0, error: error)); return
                }
                throw error
            }
            try body(RawMail(file: file, index: 0, inMailbox: false, bytes: bytes))
        case .mailbox:
            let reader = try MailboxReader(path: file, limits: limits)
            while true {
                do {
                    guard let raw = try reader.next() else { break }
                    try body(raw)
                } catch let error as MailInputError {
                    try onError(error)
                }
            }
        }
    }

    /// Regular files below `folder`, recursively, sorted by path; hidden files and folders skipped.
    static func files(below folder: String) throws -> [String] {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: folder) else {
            throw MailError.unreadable(path: folder, reason: "cannot list folder")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            let full = folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(full)
            }
        }
        return files.sorted()
    }

    /// The whole file, refusing one over `limit` bytes.
    static func contents(of path: String, limit: Int) throws -> [UInt8] {
        guard let handle = fopen(path, "rb") else {
            throw MailError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            if count == 0 { break }
            if bytes.count + count > limit { throw MailError.messageTooLarge(limit: limit) }
            bytes.append(contentsOf: chunk[..<count])
        }
        if ferror(handle) != 0 { throw MailError.unreadable(path: path, reason: "read error") }
        return bytes
    }
}
