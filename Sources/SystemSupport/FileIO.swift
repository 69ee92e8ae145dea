/// File-descriptor I/O with the care the package's durable writes and strict reads need: every
/// call is restarted after `EINTR`, short writes and reads are continued, `fsync` is checked, and
/// failures are ``SystemError``s that carry `errno`.
///
/// ```swift
/// let fd = try FileIO.open(path, O_WRONLY | O_CREAT | O_TRUNC)
/// defer { FileIO.close(fd) }
/// try FileIO.writeAll(fd, bytes)
/// try FileIO.sync(fd)
/// ```
package enum FileIO {
    /// Opens `path` (with `O_CLOEXEC` added); `mode` applies when `flags` creates the file.
    package static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o644) throws(SystemError) -> Int32 {
        while true {
            let fd = systemOpen(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno != EINTR { throw SystemError("open", code: errno) }
        }
    }

    /// Writes all of `bytes`.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let n = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                throw SystemError("write", code: n < 0 ? errno : EIO)
            }
        }
    }

    /// Writes all of `bytes`.
    package static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(SystemError) {
        // `withUnsafeBytes` rethrows untyped errors; carry the typed one out as a value.
        let result: Result<Void, SystemError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(SystemError) in try writeAll(fd, buffer) }
        }
        try result.get()
    }

    /// Reads up to `buffer.count` bytes; 0 means the end of the file.
    package static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        while true {
            let n = systemRead(fd, buffer.baseAddress!, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { throw SystemError("read", code: errno) }
        }
    }

    /// All bytes of the regular file at `path` (or a symbolic link to one). The file is opened
    /// non-blocking so that a FIFO is refused rather than waited on; the size from `fstat` is only
    /// a first guess, so a file that grows or shrinks meanwhile is read to its end.
    package static func readRegularFile(atPath path: String) throws(SystemError) -> [UInt8] {
        let fd: Int32
        do { fd = try open(path, O_RDONLY | O_NONBLOCK) } catch {
            throw SystemError("missing or not readable", code: error.code)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw SystemError("fstat", code: errno) }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            throw SystemError(type == S_IFDIR ? "is a directory" : "not a regular file", code: 0)
        }
        // One byte more than the expected size, so that the end of file is seen without growing. The
        // bytes are read into uninitialized storage: zero-filling it first would write every page twice
        // (a model's weights are megabytes, read at every start).
        let expected = max(Int(info.st_size), 0) + 1
        var failure: SystemError?
        var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
            do throws(SystemError) {
                initialized = try readUntilFullOrEnd(fd, into: UnsafeMutableRawBufferPointer(buffer))
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        if bytes.count == expected {  // the file grew since fstat: read the rest in chunks
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let read = chunk.withUnsafeMutableBytes { buffer in
                    Result { () throws(SystemError) in try readUntilFullOrEnd(fd, into: buffer) }
                }
                let n = try read.get()
                bytes.append(contentsOf: chunk[..<n])
                if n < chunk.count { break }
            }
        }
        return bytes
    }

    /// Reads into `buffer` until it is full or the end of file; returns the number of bytes read.
    private static func readUntilFullOrEnd(
        _ fd: Int32, into buffer: UnsafeMutableRawBufferPointer
    ) throws(SystemError) -> Int {
        var count = 0
        while count < buffer.count {
            let n = try read(fd, into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
            if n == 0 { break }
            count += n
        }
        return count
    }

    /// Flushes the file's data and metadata to the device (`fsync`).
    package static func sync(_ fd: Int32) throws(SystemError) {
        while fsync(fd) != 0 {
            if errno != EINTR { throw SystemError("fsync", code: errno) }
        }
    }

    /// Makes a rename or creation inside `directory` durable. Best effort: some file systems
    /// refuse to open or sync a directory, and the data files were synced already.
    package static func syncDirectory(_ directory: String) {
        guard let fd = try? open(directory, O_RDONLY) else { return }
        defer { close(fd) }
        try? sync(fd)
    }

    /// Closes `fd`. Not retried after `EINTR`: on Linux the descriptor is released even then.
    package static func close(_ fd: Int32) {
        _ = systemClose(fd)
    }

    /// Atomically replaces `destination` with `source`.
    package static func rename(_ source: String, to destination: String) throws(SystemError) {
        guard systemRename(source, destination) == 0 else { throw SystemError("rename", code: errno) }
    }

    /// Creates the directory `path`; it must not exist yet.
    package static func makeDirectory(_ path: String) throws(SystemError) {
        guard systemMakeDirectory(path) == 0 else { throw SystemError("mkdir", code: errno) }
    }

    /// Creates the directory `path` and its missing parents, as `mkdir -p`; an existing directory
    /// is fine, an existing file is an error (`ENOTDIR`, or `EEXIST` for `path` itself).
    package static func makeDirectories(_ path: String) throws(SystemError) {
        guard kind(atPath: path) != .directory else { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if kind(atPath: prefix) != .directory {
                do { try makeDirectory(prefix) } catch {
                    // A directory there now was made meanwhile by another process: fine.
                    guard error.code == EEXIST, kind(atPath: prefix) == .directory else { throw error }
                }
            }
            prefix += "/"
        }
    }

    /// Removes the file at `path`, ignoring a file that is already gone.
    package static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// The kind of file at `path`, following symbolic links; `nil` when there is none.
    package static func kind(atPath path: String) -> FileKind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// Whether `a` and `b` name the same existing file (the same device and inode), through
    /// whatever links or relative paths.
    package static func isSameFile(_ a: String, _ b: String) -> Bool {
        var first = stat()
        var second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// The calling process's id (for unique temporary names).
    package static var processID: Int32 { getpid() }
}

// At file scope the C library's names are not shadowed by FileIO's methods of the same name.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
private func systemRename(_ source: String, _ destination: String) -> Int32 { rename(source, destination) }
private func systemMakeDirectory(_ path: String) -> Int32 { mkdir(path, 0o755) }

/// What a path names (see ``FileIO/kind(atPath:)``).
package enum FileKind: Sendable {
    case regular, directory, other
}
