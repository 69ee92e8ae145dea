import SystemSupport

/// Buffered byte-by-byte reading of a file with constant memory.
final class ByteStream {
    private let handle: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8]
    private var position = 0
    private var available = 0

    init(path: String, displayName: String) throws {
        guard let handle = fopen(path, "rb") else {
            throw RecordError(file: displayName, line: 0, reason: "cannot open (\(String(cString: strerror(errno))))")
        }
        self.handle = handle
        self.buffer = [UInt8](repeating: 0, count: 1 << 16)
    }

    deinit { fclose(handle) }

    /// The next byte, or `nil` at the end of the file.
    @inline(__always)
    func next() -> UInt8? {
        if position == available {
            available = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            position = 0
            if available == 0 { return nil }
        }
        let byte = buffer[position]
        position += 1
        return byte
    }

    /// Reads the bytes up to the next LF into `line` (replacing its contents; the LF is consumed but
    /// not stored), stopping early once `line` holds more than `limit` bytes (the caller reports that).
    /// Copies up to a buffer's worth at a time: calling ``next()`` per byte costs a dynamic
    /// exclusivity check on every access to this class's properties.
    /// - Returns: `false` at the end of the file, when there was no byte left.
    func readLine(into line: inout [UInt8], limit: Int) -> Bool {
        line.removeAll(keepingCapacity: true)
        var sawByte = false
        while true {
            if position == available {
                available = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
                position = 0
                if available == 0 { return sawByte }
            }
            sawByte = true
            let newline = buffer.withUnsafeBytes { bytes in
                memchr(bytes.baseAddress! + position, 0x0A, available - position).map {
                    UnsafeRawPointer($0) - bytes.baseAddress!
                }
            }
            let end = min(newline ?? available, position + (limit + 1 - line.count))
            line.append(contentsOf: buffer[position..<end])
            position = end
            if line.count > limit { return true }
            if newline == end {
                position += 1
                return true
            }
        }
    }

    /// Skips a UTF-8 byte-order mark (EF BB BF) at the start of the file, and nothing else.
    func skipByteOrderMark() {
        if position == available {
            available = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            position = 0
        }
        if available - position >= 3 && buffer[position] == 0xEF && buffer[position + 1] == 0xBB
            && buffer[position + 2] == 0xBF
        {
            position += 3
        }
    }

    /// Looks at the next byte without consuming it.
    func peek() -> UInt8? {
        guard let byte = next() else { return nil }
        position -= 1
        return byte
    }
}
