/// Recognises a follow-up that only asks for news ("Any news on this?", "Avez-vous des
/// nouvelles ?"), with at most a greeting and a closing around it. Such a message says nothing
/// about the dispute: the dispute is what the earlier messages said, so a thread leaves it out of
/// its text (its few polite words would otherwise pull a borderline severity down).
enum FollowUps {
    /// The requests, lower-cased, hyphens as spaces, without punctuation or "please".
    static let requests: Set<String> = [
        "any news", "any news on this", "any news about this", "any news on that", "any update", "any updates",
        "any update on this", "any updates on this", "any update on this one", "any feedback", "any feedback on this",
        "following up", "just following up", "following up on this", "following up on the below",
        "just following up on this", "just checking in", "checking in on this", "is there any update",
        "is there an update", "do you have an update", "do you have any news",
        "avez vous des nouvelles", "des nouvelles", "avez vous du nouveau", "du nouveau",
        "je me permets de vous relancer",
        "je me permets de revenir vers vous", "je reviens vers vous", "où en êtes vous", "où en est on",
        "ou en etes vous", "ou en est on", "avez vous pu regarder", "avez vous une réponse", "une réponse",
    ]

    /// Lines that open a message.
    static let greetings: Set<String> = [
        "hello", "hi", "hey", "good morning", "good afternoon", "hello all", "hi all", "hi team", "hello team",
        "bonjour", "bonsoir", "madame, monsieur", "madame", "monsieur", "bonjour à tous", "rebonjour",
    ]

    /// True when `text` (a message's cleaned text) is only a request for news.
    static func onlyAsksForNews(_ text: String) -> Bool {
        guard text.utf8.count <= 200 else { return false }
        var lines = text.split(separator: "\n").map(\.cleaningKey).filter { !$0.isEmpty }
        if let first = lines.first, isGreeting(first) { lines.removeFirst() }
        if let last = lines.last, lines.count > 1, Signatures.isClosing(last) { lines.removeLast() }
        return !lines.isEmpty && requests.contains(request(lines.joined(separator: " ")))
    }

    /// "Hello," "Hi Anna," "Dear Mr Smith," "Bonjour Marie,".
    static func isGreeting(_ key: String) -> Bool {
        var text = Substring(key)
        while let last = text.last, last == "," || last == "!" || last == " " { text = text.dropLast() }
        if greetings.contains(String(text)) { return true }
        let words = text.split(separator: " ")
        guard key.hasSuffix(","), words.count <= 4, let first = words.first else { return false }
        return ["dear", "hello", "hi", "bonjour", "cher", "chère"].contains(String(first))
    }

    /// Politeness after a request.
    static let politeEndings = [
        " please", " pls", " thanks", " thank you", " merci", " svp", " s'il vous plaît", " s'il vous plait",
    ]

    /// The request as the set spells it: punctuation dropped, hyphens as spaces, white space
    /// collapsed, a trailing "please", "merci" or "s'il vous plaît" dropped.
    private static func request(_ key: String) -> String {
        let plain = String(
            key.map { $0 == "-" ? " " : $0 }.filter { $0.isLetter || $0.isNumber || $0 == " " || $0 == "'" })
        var text = plain.split(separator: " ").joined(separator: " ")
        while let ending = politeEndings.first(where: text.hasSuffix) { text.removeLast(ending.count) }
        return text
    }
}
