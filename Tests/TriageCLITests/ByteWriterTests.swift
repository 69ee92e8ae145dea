import Testing

@testable import triage

/// ``ByteWriter``'s copies (two overlapping words for short pieces, the C library for long ones)
/// write exactly the bytes given, for every length around the size boundaries, next to each other.
@Suite struct ByteWriterTests {
    @Test("pieces of 0 to 80 bytes are copied exactly, one after another")
    func copiesEveryLength() {
        let pieces = (0...80).map { length in (0..<length).map { UInt8(truncatingIfNeeded: length &* 31 &+ $0 &* 7) } }
        var out: [UInt8] = [0xAA]
        ByteWriter.append(to: &out, capacity: pieces.reduce(0) { $0 + $1.count + 1 }) { writer in
            for piece in pieces {
                piece.withUnsafeBufferPointer { writer.write($0) }
                writer.write(UInt8(ascii: "|"))
            }
        }
        #expect(out == [0xAA] + pieces.flatMap { $0 + [UInt8(ascii: "|")] })
    }

    @Test("a writer given room for more moves past only what it wrote")
    func writesUpTo() {
        var out: [UInt8] = []
        ByteWriter.append(to: &out, capacity: 32) { writer in
            writer.write("[")
            writer.write(upTo: 20) { target in
                target.initialize(repeating: UInt8(ascii: "x"), count: 3)
                return 3
            }
            writer.write(upTo: 4) { _ in 0 }
            writer.write("]")
        }
        #expect(String(decoding: out, as: UTF8.self) == "[xxx]")
    }

    @Test("literals are copied exactly")
    func copiesLiterals() {
        var out: [UInt8] = []
        ByteWriter.append(to: &out, capacity: 64) { writer in
            writer.write("")
            writer.write("ab")
            writer.write(#","subject_words":["#)
            writer.write(#"},"explanation":{"baseline":"#)
        }
        #expect(String(decoding: out, as: UTF8.self) == #"ab,"subject_words":[},"explanation":{"baseline":"#)
    }
}
