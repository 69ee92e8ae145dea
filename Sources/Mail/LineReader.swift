import SystemSupport

/// Reads a file line by line through a fixed buffer, so an mbox of any size is read in
/// constant memory.
final class LineReader {
    private let handle: UnsafeMutablePointer<FILE>
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var position = 0
    private var available = 0

    /// - Throws: ``MailError/unreadable(path:reason:)``.
    init(path: String) throws(MailError) {
        guard let handle = fopen(path, "rb") else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        self.handle = handle
    }

    deinit { fclose(handle) }

    /// Reads the bytes up to the next LF into `line` (replacing its contents; the LF is consumed,
    /// not stored). A line longer than `limit` bytes is cut there: the rest comes as the next line.
    /// - Returns: false at the end of the file, when no byte was left.
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
            let newline = buffer[position..<available].firstIndex(of: 0x0A)
            let end = min(newline ?? available, position + max(limit - line.count, 1))
            line.append(contentsOf: buffer[position..<end])
            position = end
            if newline == end {
                position += 1
                return true
            }
            if line.count >= limit { return true }
        }
    }
}
