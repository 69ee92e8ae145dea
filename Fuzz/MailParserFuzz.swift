// libFuzzer harness for the Mail module's message path: MIME parsing, body extraction and
// decoding, cleaning, and the header helpers.
//
// Built together with FuzzSupport.swift and Sources/Mail/*.swift into one module (see
// scripts/fuzz.sh), so the module's internal API is visible and no `import Mail` is needed.
//
// For every input (arbitrary bytes, read as one message) it
//   1. parses it with small limits, so the limit paths are reached: an error must be one of the
//      limit errors; on success every part's raw body lies inside the input, there are at most
//      maxParts parts and at most maxDepth levels;
//   2. decodes the body and every text part (the decoded-size limit may throw, nothing else),
//      reads the header fields every intake reads, lists attachments and enclosed messages;
//   3. cleans the body text and checks the result: no CR, no run of three line breaks, no outer
//      blank lines, removals of positive size that add up to at most the text's length;
//   4. runs the sniffer, the date, address and thread code on what it found.
// Any violated invariant prints a message and aborts, which libFuzzer reports as a crash.

private let limits = MailLimits(
    maxMessageBytes: 1 << 16, maxHeaderBytes: 2048, maxParts: 64, maxDepth: 8,
    maxDecodedBytes: 1 << 15)

private func checkTree(_ part: MIMEPart, input: Range<Int>, depth: Int, count: inout Int) {
    count += 1
    invariant(depth <= limits.maxDepth, "depth \(depth) beyond the limit")
    invariant(
        part.rawBody.startIndex >= input.lowerBound && part.rawBody.endIndex <= input.upperBound,
        "raw body \(part.rawBody.startIndex)..<\(part.rawBody.endIndex) outside the input \(input)")
    for child in part.parts { checkTree(child, input: input, depth: depth + 1, count: &count) }
}

private func checkCleaned(_ cleaned: CleanedBody, from text: String) {
    let result = cleaned.text
    invariant(!result.utf8.contains(0x0D), "cleaned text has a CR")
    invariant(!result.contains("\n\n\n"), "cleaned text has three line breaks in a row")
    invariant(result.first != "\n" && result.last != "\n", "cleaned text starts or ends with a blank line")
    var removed = 0
    for removal in cleaned.removals {
        invariant(removal.characters > 0, "empty removal \(removal)")
        removed += removal.characters
    }
    invariant(
        removed <= text.unicodeScalars.count + text.utf8.count + 1, "removed \(removed) of \(text.unicodeScalars.count)"
    )
}

func fuzzOneInput(_ bytes: UnsafeBufferPointer<UInt8>) {
    let input = Array(bytes)
    let message: MailMessage
    do {
        message = try MailMessage(parsing: input, limits: limits)
    } catch {
        switch error {
        case .messageTooLarge, .headerTooLarge, .tooManyParts, .nestingTooDeep: return
        default: invariantFailure("parsing threw \(error)")
        }
    }
    var count = 0
    checkTree(message.root, input: 0..<input.count, depth: 0, count: &count)
    invariant(count <= limits.maxParts, "\(count) parts beyond the limit")

    _ = (message.subject, message.from, message.fromAddress, message.messageID, message.inReplyTo, message.references)
    _ = message.timestamp.map(MailDate.iso8601)
    for attachment in message.attachments { invariant(attachment.size >= 0, "negative attachment size") }
    var texts: [String] = []
    do {
        if let body = try message.body() { texts.append(body.text) }
        for enclosed in message.enclosedMessages { if let body = try enclosed.body() { texts.append(body.text) } }
        try message.root.forEachPart { part in
            if part.contentType.type == "text" && part.parts.isEmpty {
                _ = try part.text(limit: limits.maxDecodedBytes)
            }
        }
    } catch let error as MailError {
        invariant(error == .decodedTooLarge(limit: limits.maxDecodedBytes), "decoding threw \(error)")
    } catch {
        invariantFailure("decoding threw \(error)")
    }
    for text in texts { checkCleaned(BodyCleaner().clean(text), from: text) }

    _ = MailSniffer.kind(prefix: input, mailboxName: false)
    let member = MailThreads.Member(
        messageID: message.messageID, inReplyTo: message.inReplyTo,
        references: message.references, subject: message.subject ?? "", timestamp: message.timestamp)
    let groups = MailThreads.group([member, member])
    invariant(groups.flatMap { $0 }.count == (message.messageID == nil ? 2 : 1), "threads \(groups)")
    _ = SubjectNormalizer.stripPrefixes(message.subject ?? "")
}
