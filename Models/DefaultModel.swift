import Foundation

/// Locates the default dispute model shipped in `Models/default` (bundled as a package resource).
///
/// ```swift
/// if let url = DefaultModel.directory { print(url.path) }
/// ```
public enum DefaultModel {
    /// The directory holding the shipped default model, or `nil` if the resource bundle is missing
    /// (e.g. a binary copied without its `…_DefaultModel.resources` folder).
    public static var directory: URL? {
        Bundle.module.url(forResource: "default", withExtension: nil)
    }
}
