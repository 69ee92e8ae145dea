/// Buffered reading of a file, byte by byte or line by line, in constant memory (the record
/// readers and the mbox reader).
package final class ByteStream {
    @usableFromInline let handle: UnsafeMutablePointer<FILE>
    @usableFromInline var buffer: [UInt8]
    @usableFromInline var position = 0
    @usableFromInline var available = 0

    /// The error that ended reading early, if any: until it is checked, a failed read looks like
    /// the end of the file.
    package private(set) var readError: SystemError?

    /// Opens `path`, or standard input for `-` (a duplicate of its descriptor, so that closing the
    /// stream leaves descriptor 0 open).
    /// - Throws: ``SystemError`` (`fopen` and its `errno`) when the file cannot be opened, `EISDIR`
    ///   for a directory (which `fopen` opens, and whose reads then fail).
    package init(path: String) throws(SystemError) {
        let opened = path == "-" ? fdopen(dup(STDIN_FILENO), "rb") : fopen(path, "rb")
        guard let handle = opened else { throw SystemError("fopen", code: errno) }
        var info = stat()
        if fstat(fileno(handle), &info) == 0 && info.st_mode & S_IFMT == S_IFDIR {
            fclose(handle)
            throw SystemError("fopen", code: EISDIR)
        }
        self.handle = handle
        self.buffer = [UInt8](repeating: 0, count: 1 << 16)
    }

    deinit { fclose(handle) }

    /// Reads the next buffer's worth; none at the end of the file or on a read error, which is
    /// kept in ``readError``.
    @usableFromInline
    func fill() {
        available = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
        position = 0
        if available == 0 && ferror(handle) != 0 { readError = SystemError("read", code: errno) }
    }

    /// The next byte, or `nil` at the end of the file.
    @inlinable
    package func next() -> UInt8? {
        if position == available {
            fill()
            if available == 0 { return nil }
        }
        let byte = buffer[position]
        position += 1
        return byte
    }

    /// Reads the bytes up to the next LF into `line` (replacing its contents; the LF is consumed but
    /// not stored), stopping early once `line` holds `maxBytes` bytes: the rest of that line comes
    /// with the next call. Copies up to a buffer's worth at a time: calling ``next()`` per byte costs
    /// a dynamic exclusivity check on every access to this class's properties.
    /// - Returns: `false` at the end of the file, when there was no byte left.
    package func readLine(into line: inout [UInt8], maxBytes: Int) -> Bool {
        line.removeAll(keepingCapacity: true)
        var sawByte = false
        while true {
            if position == available {
                fill()
                if available == 0 { return sawByte }
            }
            sawByte = true
            let newline = buffer.withUnsafeBytes { bytes in
                memchr(bytes.baseAddress! + position, 0x0A, available - position).map {
                    UnsafeRawPointer($0) - bytes.baseAddress!
                }
            }
            let end = min(newline ?? available, position + (maxBytes - line.count))
            line.append(contentsOf: buffer[position..<end])
            position = end
            if line.count >= maxBytes { return true }
            if newline == end {
                position += 1
                return true
            }
        }
    }

    /// Appends up to `count` whole lines to `lines`, each with its LF (the file's last line may have
    /// none), copying each buffer's worth of lines at once; stops early after the line that brings
    /// `lines` to `byteTarget` bytes. Stops before a line longer than `maxLineBytes` (its LF not
    /// counted): that line's bytes are consumed but not kept.
    /// - Returns: how many lines were appended, and whether it stopped at a line over the limit.
    package func appendLines(to lines: inout [UInt8], count: Int, byteTarget: Int = .max, maxLineBytes: Int)
        -> (count: Int, overlong: Bool)
    {
        var appended = 0
        var lineStart = lines.count  // where the line being read starts in `lines`
        while appended < count && lineStart < byteTarget {
            if position == available {
                fill()
                if available == 0 {
                    if lines.count > lineStart { appended += 1 }  // the last line, without an LF
                    return (appended, false)
                }
            }
            // Whole lines of this buffer, found with memchr; the span is appended once.
            var end = position
            var overlong = false
            buffer.withUnsafeBytes { bytes in
                let base = bytes.baseAddress!
                var partial = lines.count - lineStart  // bytes of the current line read before this buffer
                while appended < count && lineStart < byteTarget {
                    guard let newline = memchr(base + end, 0x0A, available - end) else {
                        // The line goes on in the next buffer (or ends the file without an LF).
                        if partial + available - end > maxLineBytes { overlong = true } else { end = available }
                        return
                    }
                    let lineEnd = UnsafeRawPointer(newline) - base
                    if partial + lineEnd - end > maxLineBytes {
                        overlong = true
                        return
                    }
                    end = lineEnd + 1
                    partial = 0
                    appended += 1
                    lineStart = lines.count + end - position
                }
            }
            lines.append(contentsOf: buffer[position..<end])
            position = end
            if overlong {
                lines.removeSubrange(lineStart...)  // the long line's first part, from earlier buffers
                return (appended, true)
            }
        }
        return (appended, false)
    }

    /// Skips a UTF-8 byte-order mark (EF BB BF) at the start of the file, and nothing else.
    package func skipByteOrderMark() {
        if position == available {
            fill()
        }
        if available - position >= 3 && buffer[position] == 0xEF && buffer[position + 1] == 0xBB
            && buffer[position + 2] == 0xBF
        {
            position += 3
        }
    }

    /// Appends the buffered bytes from the current position up to the first one that `stops`
    /// accepts (or to the end of what is buffered: the file is not read) to `bytes`, consumes them
    /// and returns how many. A reader that takes runs of ordinary bytes this way touches the
    /// class's properties once per run instead of once per byte, each touch a dynamic exclusivity check.
    @inlinable
    package func appendRun(to bytes: inout [UInt8], stoppingAt stops: (UInt8) -> Bool) -> Int {
        let start = position, limit = available
        let end = buffer.withUnsafeBufferPointer { buffer in
            var end = start
            while end < limit && !stops(buffer[end]) { end += 1 }
            return end
        }
        if end > start {
            bytes.append(contentsOf: buffer[start..<end])
            position = end
        }
        return end - start
    }

    /// Looks at the next byte without consuming it.
    @inlinable
    package func peek() -> UInt8? {
        guard let byte = next() else { return nil }
        position -= 1
        return byte
    }
}
