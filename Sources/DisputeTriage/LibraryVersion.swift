/// The version of DisputeTriage, written into every model manifest.
public enum LibraryVersion {
    /// Semantic version string.
    public static let current = "0.1.0"
}
