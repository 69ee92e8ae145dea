import Dispatch

/// The SHA-256 checks of a model's files, computed on another thread while the caller decodes the
/// same bytes, so a load costs the longer of the two instead of their sum (the checksum of a
/// default model's 4 MB of weights is a tenth of its load).
///
/// The decoded value must not be used before ``wait()`` returns: only then are the bytes known to
/// be the ones the manifest recorded.
///
/// ```swift
/// let verification = ChecksumVerification([.init(path: path, bytes: bytes, expected: sha256)])
/// let value = try decode(bytes)
/// try verification.wait()   // throws ModelFormatError.checksumMismatch for a damaged file
/// ```
package final class ChecksumVerification: @unchecked Sendable {
    /// One file to check: its bytes and the digest the manifest recorded.
    package struct File: Sendable {
        package let path: String
        package let bytes: [UInt8]
        package let expected: String

        package init(path: String, bytes: [UInt8], expected: String) {
            self.path = path
            self.bytes = bytes
            self.expected = expected
        }
    }

    private let done = DispatchGroup()
    // Written by the checking thread before it leaves `done`, read only after `done.wait()`:
    // the group orders the two, so no lock is needed (hence `@unchecked Sendable`).
    private var failure: ModelFormatError?

    /// Starts checking `files`, in order, on a global queue.
    package init(_ files: [File]) {
        done.enter()
        DispatchQueue.global().async { [self] in
            for file in files {
                let actual = SHA256.hexDigest(file.bytes)
                if actual != file.expected {
                    failure = .checksumMismatch(path: file.path, expected: file.expected, actual: actual)
                    break
                }
            }
            done.leave()
        }
    }

    /// Waits for the checks.
    /// - Throws: ``ModelFormatError/checksumMismatch(path:expected:actual:)`` for the first file
    ///   whose bytes differ from the manifest's digest.
    package func wait() throws(ModelFormatError) {
        done.wait()
        if let failure { throw failure }
    }
}
