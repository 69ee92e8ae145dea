/// Which text the stores can keep: neither keeps U+0000 (SQLite hands it back cut short,
/// PostgreSQL refuses it), so input holding one is refused where it enters, and a key holding one
/// names nothing.
public enum StorableText {
    /// Whether `text` can be stored and read back unchanged.
    public static func isStorable(_ text: String) -> Bool { !text.utf8.contains(0) }

    /// Throws a 400 naming `field` when `text` cannot be stored.
    public static func validate(_ text: String, field: String) throws(DeskError) {
        guard isStorable(text) else { throw DeskError.invalid(field, "contains a NUL character (U+0000)") }
    }
}
