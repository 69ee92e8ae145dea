import Foundation
import SystemSupport

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

    private let fd: Int32
    private let ownsDescriptor: Bool
    private let temporaryPath: String?
    private let finalPath: String?
    private let displayPath: String
    private var buffer = [UInt8]()

    init(path: String?) throws {
        buffer.reserveCapacity(Self.chunkSize + (1 << 14))
        guard let path, path != "-" else {
            fd = STDOUT_FILENO
            ownsDescriptor = false
            temporaryPath = nil
            finalPath = nil
            displayPath = "standard output"
            return
        }
        guard !path.isEmpty else { throw CLIError("the output file path is empty") }
        displayPath = path
        ownsDescriptor = true
        switch FileIO.kind(atPath: path) {
        case .directory?:
            throw CLIError("cannot write output file \(path): is a directory")
        case .other?:
            // A device or pipe: write to it directly; renaming over it would replace it.
            do { fd = try FileIO.open(path, O_WRONLY) } catch {
                throw CLIError("cannot open output file \(path): \(error)")
            }
            temporaryPath = nil
            finalPath = nil
        case .regular?, nil:
            let url = URL(fileURLWithPath: path)
            let temporary = url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.lastPathComponent).partial-\(FileIO.processID)").path
            do {
                fd = try FileIO.open(temporary, O_WRONLY | O_CREAT | O_TRUNC)
            } catch {
                throw CLIError("cannot create output file \(path): \(error)")
            }
            temporaryPath = temporary
            finalPath = path
        }
    }

    deinit {
        if ownsDescriptor { FileIO.close(fd) }
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
        do {
            try FileIO.writeAll(fd, buffer)
        } catch {
            throw CLIError("cannot write to \(displayPath): \(SystemError.message(for: error.code))")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Finishes the output: flushes and, for a file, syncs it and renames it into place.
    func commit() throws {
        try flush()
        guard let temporaryPath, let finalPath else { return }
        do {
            try FileIO.sync(fd)
            try FileIO.rename(temporaryPath, to: finalPath)
        } catch {
            throw CLIError("cannot move output into \(finalPath): \(error)")
        }
    }

    /// Removes the partial file (on error).
    func discard() {
        guard let temporaryPath else { return }
        FileIO.remove(temporaryPath)
    }
}

/// A plain error message for the command line.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
