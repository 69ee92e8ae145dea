#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Skips a UTF-8 byte-order mark (EF BB BF) at the start of the file, and nothing else.
    func skipByteOrderMark() {
        if position == available {
            available = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            position = 0
        }
        if available - position >= 3 && buffer[position] == 0xEF && buffer[position + 1] == 0xBB && buffer[position + 2] == 0xBF {
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
