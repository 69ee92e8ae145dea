import Foundation

/// Output to stdout, or to a file that appears only when everything was written: lines go to a
/// temporary file beside it, renamed into place by ``commit()``. On error nothing is left behind.
final class OutputFile {
    private let handle: FileHandle
    private let temporaryPath: String?
    private let finalPath: String?
    private var buffer = [UInt8]()

    init(path: String?) throws {
        guard let path, path != "-" else {
            handle = FileHandle.standardOutput
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
        buffer.reserveCapacity(1 << 16)
    }

    func write(line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Finishes the output: flushes and, for a file, renames it into place.
    func commit() throws {
        flush()
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
}

/// A plain error message for the command line.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
