extension StringProtocol {
    /// Whether the text has a character that is not whitespace (`Character.isWhitespace`, which
    /// looks at a character's first scalar): the test a required text passes. A text that starts
    /// with a printable ASCII byte passes at once, the usual case, without a Unicode look-up.
    package var containsNonWhitespace: Bool {
        if let first = utf8.first, first > 0x20, first < 0x7F { return true }
        return contains { !$0.isWhitespace }
    }
}
