/// Masks personal data in dispute text before it is logged or shown: e-mail addresses, IBANs,
/// payment-card numbers (Luhn-checked) and phone numbers.
///
/// Classification does not need this — the tokenizer already turns e-mail addresses and long digit
/// strings into class tokens, so explanations never quote them — but raw texts in logs, tickets or
/// feedback files should be redacted.
///
/// ```swift
/// Redactor().redact("Call +33 6 12 34 56 78 or mail jane@acme.fr")   // "Call [phone] or mail [email]"
/// ```
public struct Redactor: Sendable {
    /// What to mask. Default: everything.
    public var emails = true
    public var ibans = true
    public var cards = true
    public var phones = true

    /// A redactor masking every kind.
    public init() {}

    /// `text` with each match replaced by `[email]`, `[iban]`, `[card]` or `[phone]`.
    public func redact(_ text: String) -> String {
        var result = text
        if emails { result = result.replacing(Self.email, with: "[email]") }
        if ibans { result = result.replacing(Self.iban, with: "[iban]") }
        if cards {
            let source = result
            result = result.replacing(Self.digitRun) { match in
                let digits = match.output.filter(\.isNumber)
                let isCard =
                    Self.standsAlone(match.range, in: source) && (13...19).contains(digits.count)
                    && Self.luhnValid(digits)
                return isCard ? "[card]" : String(match.output)
            }
        }
        if phones {
            let source = result
            result = result.replacing(Self.digitRun) { match in
                let digits = match.output.filter(\.isNumber).count
                let separated = match.output.contains { "+ -.(".contains($0) }
                let isPhone = Self.standsAlone(match.range, in: source) && (9...15).contains(digits) && separated
                return isPhone ? "[phone]" : String(match.output)
            }
        }
        return result
    }

    // Patterns are constants checked by the tests; `try!` cannot fail at run time.
    // swift-format-ignore: NeverUseForceTry
    nonisolated(unsafe) static let email = try! Regex(
        #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"#, as: Substring.self)
    // swift-format-ignore: NeverUseForceTry
    nonisolated(unsafe) static let iban = try! Regex(
        #"\b[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b"#, as: Substring.self)
    // swift-format-ignore: NeverUseForceTry
    nonisolated(unsafe) static let digitRun = try! Regex(#"\+?\(?[0-9][0-9 ().\-]{7,}[0-9]"#, as: Substring.self)

    /// Whether a digit run is a token of its own, not the tail of an identifier like "INV-2024-00123".
    static func standsAlone(_ range: Range<String.Index>, in text: String) -> Bool {
        guard let before = text[..<range.lowerBound].last else { return true }
        return !(before.isLetter || before.isNumber || "-/#_".contains(before))
    }

    static func luhnValid(_ digits: String) -> Bool {
        var sum = 0
        for (i, character) in digits.reversed().enumerated() {
            guard var d = character.wholeNumberValue else { return false }
            if i % 2 == 1 { d *= 2; if d > 9 { d -= 9 } }
            sum += d
        }
        return sum % 10 == 0
    }
}
