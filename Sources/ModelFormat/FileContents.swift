import SystemSupport

/// Reads whole files with POSIX `open`/`fstat`/`read` (``FileIO/readRegularFile(atPath:)``): the
/// model files ``ModelDirectory`` loads and checks, and any file whose SHA-256 goes into a manifest.
///
/// Foundation's `FileManager.contents(atPath:)` is not used: in Swift 6.3.1 it leaks a 4 KB buffer on
/// every read of an empty file (seen by LeakSanitizer), and it reports every failure as `nil`.
/// Here a failure names its cause. Reads are restarted after `EINTR`, short reads are continued,
/// and the size from `fstat` is only a first guess: a file that grows or shrinks while it is
/// read is read up to its end of file. Only regular files (or symbolic links to one) are read;
/// the file is opened non-blocking so that a FIFO is refused rather than waited on.
///
/// ```swift
/// let bytes = try FileContents.bytes(atPath: "Models/default/manifest.json")
/// ```
package enum FileContents {
    /// All bytes of the regular file at `path`.
    /// - Throws: ``ModelFormatError/unreadable(path:reason:)`` naming `path` and the reason
    ///   (missing, permission denied, a directory or other non-regular file, an I/O error).
    package static func bytes(atPath path: String) throws(ModelFormatError) -> [UInt8] {
        do {
            return try FileIO.readRegularFile(atPath: path)
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
    }
}
