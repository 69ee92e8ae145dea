/// One token handed to the closure of ``Tokenizer/forEachToken(inUTF8:_:)``.
///
/// `bytes` is the normalised UTF-8 text of the token (for a class token, e.g. `<money>`). It points
/// into the tokenizer's scratch memory and is valid only during the call: copy it (e.g.
/// `String(decoding: token.bytes, as: UTF8.self)`) to keep it.
package struct Token {
    /// What the token stands for.
    package let kind: TokenKind
    /// The normalised UTF-8 bytes, valid only inside the closure.
    package let bytes: UnsafeBufferPointer<UInt8>

    /// The token as a `String` (allocates; for tests, training and explanations, not the hot path).
    package var text: String { String(decoding: bytes, as: UTF8.self) }
}
