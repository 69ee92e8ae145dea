import Foundation

/// Locates the default dispute model shipped in `Models/default`.
public enum DefaultModel {
    /// The directory holding the shipped default model.
    public static var directory: URL {
        Bundle.module.url(forResource: "default", withExtension: nil)!
    }
}
