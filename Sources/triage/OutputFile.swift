import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Output to stdout, or to a file that appears only when everything was written: lines go to a
/// temporary file beside it, renamed into place by ``commit()``. On error nothing is left behind.
/// A path that exists and is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO) is written
/// to directly: renaming over it would replace the device or pipe with a plain file.
///
/// Lines are built straight into one reused buffer (``writeLine(_:)``) and written with `write(2)`
/// in chunks of ``chunkSize`` bytes.
final class OutputFile {
    /// Bytes collected before a `write(2)`.
    static let chunkSize = 1 << 18

    private let handle: FileHandle
    private let temporaryPath: String?
    private let finalPath: String?
    private let displayPath: String
    private var buffer = [UInt8]()

    init(path: String?) throws {
        buffer.reserveCapacity(Self.chunkSize + (1 << 14))
        guard let path, path != "-" else {
            handle = FileHandle.standardOutput
            temporaryPath = nil
            finalPath = nil
            displayPath = "standard output"
            return
        }
        displayPath = path
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            guard info.st_mode & S_IFMT != S_IFDIR else { throw CLIError("cannot write output file \(path): is a directory") }
            guard let handle = FileHandle(forWritingAtPath: path) else { throw CLIError("cannot open output file \(path)") }
            self.handle = handle
            temporaryPath = nil
            finalPath = nil
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw CLIError("cannot create output file \(path)")
        }
        guard let handle = FileHandle(forWritingAtPath: temporary) else { throw CLIError("cannot open output file \(path)") }
        self.handle = handle
        self.temporaryPath = temporary
        self.finalPath = path
    }

    /// Appends one line: `build` appends its bytes (no newline) to the output buffer.
    func writeLine(_ build: (inout [UInt8]) -> Void) throws {
        build(&buffer)
        buffer.append(0x0A)
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// Appends bytes that already hold whole lines.
    func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunkSize { try flush() }
    }

    func write(line: String) throws {
        try writeLine { $0.append(contentsOf: line.utf8) }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        let fd = handle.fileDescriptor
        try buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n > 0 {
                    offset += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    throw CLIError("cannot write to \(displayPath): \(String(cString: strerror(n < 0 ? errno : EIO)))")
                }
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Finishes the output: flushes and, for a file, renames it into place.
    func commit() throws {
        try flush()
        guard let temporaryPath, let finalPath else { return }
        try handle.synchronize()
        try handle.close()
        guard rename(temporaryPath, finalPath) == 0 else { throw CLIError("cannot move output into \(finalPath)") }
    }

    /// Removes the partial file (on error).
    func discard() {
        guard let temporaryPath else { return }
        try? handle.close()
        unlink(temporaryPath)
    }

    private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, bytes, count)
        #else
        Darwin.write(fd, bytes, count)
        #endif
    }
}

/// A plain error message for the command line.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
