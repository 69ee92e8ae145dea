#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files with POSIX `open`/`fstat`/`read`: the model files ``ModelDirectory`` loads and
/// checks, and any file whose SHA-256 goes into a manifest.
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
    package static func bytes(atPath path: String) throws -> [UInt8] {
        func failure(_ step: String, _ code: Int32) -> ModelFormatError {
            .unreadable(path: path, reason: "\(step): \(String(cString: strerror(code)))")
        }
        var fd: Int32
        repeat { fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw failure("missing or not readable", errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("fstat", errno) }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            throw ModelFormatError.unreadable(path: path, reason: type == S_IFDIR ? "is a directory" : "not a regular file")
        }
        // One byte more than the expected size, so that the end of file is seen without growing.
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
        var count = 0
        while true {
            if count == bytes.count {  // the file grew since fstat
                bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 1 << 16)))
            }
            let n = bytes.withUnsafeMutableBytes { buffer in
                systemRead(fd, buffer.baseAddress! + count, buffer.count - count)
            }
            if n > 0 {
                count += n
            } else if n == 0 {
                break
            } else if errno != EINTR {
                throw failure("read", errno)
            }
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
        #else
        Darwin.read(fd, buffer, count)
        #endif
    }
}
