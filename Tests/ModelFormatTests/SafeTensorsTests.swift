import Foundation
import Testing

@testable import ModelFormat

@Suite("SafeTensors")
struct SafeTensorsTests {
    static let sampleTensors: [String: Tensor] = [
        "weight": Tensor(float32: [0.5, -1.25, 3, .infinity, -0.0, 7], shape: [2, 3]),
        "bias": Tensor(float64: [1e-300, -2.5]),
        "counts": Tensor(uint64: [0, 42, .max]),
        "ints": Tensor(dtype: .I32, shape: [2], bytes: [1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]),
        "longs": Tensor(dtype: .I64, shape: [1], bytes: [9, 0, 0, 0, 0, 0, 0, 0x80]),
        "mask": Tensor(dtype: .U8, shape: [3], bytes: [1, 0, 1]),
        "empty": Tensor(float32: [], shape: [0, 4]),
        "scalar": Tensor(dtype: .F32, shape: [], bytes: [0, 0, 0x80, 0x3F]),
    ]
    static let sampleMetadata: [String: String] = [
        "kind": "demo",
        "quote\"and\\backslash": "line\nbreak\ttab\r\u{01}control",
        "unicode": "Überweisung → 返金 🧾",
    ]

    /// A safetensors file with `header` as-is (no padding) and `data` after it.
    static func raw(header: String, data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
        let headerBytes = Array(header.utf8)
        let length = declaredLength ?? UInt64(headerBytes.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + headerBytes + data
    }

    static func headerLength(_ bytes: [UInt8]) -> Int {
        Int((0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << (8 * UInt64($1)) })
    }

    /// Expects `decode` to throw `.malformed` naming the path and (optionally) a reason fragment.
    static func expectMalformed(
        _ bytes: [UInt8], _ fragment: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            let result = try SafeTensors.decode(bytes, path: "bad.safetensors")
            Issue.record("expected malformed, decoded \(result.tensors.keys.sorted())", sourceLocation: sourceLocation)
        } catch let ModelFormatError.malformed(path, reason) {
            #expect(path == "bad.safetensors", sourceLocation: sourceLocation)
            if let fragment {
                #expect(reason.contains(fragment), "reason: \(reason)", sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("expected malformed, got \(error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Round trip and layout

    @Test("encode → decode round trip with metadata and several tensors")
    func roundTrip() throws {
        let bytes = SafeTensors.encode(Self.sampleTensors, metadata: Self.sampleMetadata)
        let (tensors, metadata) = try SafeTensors.decode(bytes, path: "model.safetensors")
        #expect(tensors == Self.sampleTensors)
        #expect(metadata == Self.sampleMetadata)
        #expect(tensors["weight"]?.float32Values()?[1] == -1.25)
        #expect(tensors["counts"]?.uint64Values() == [0, 42, .max])
    }

    @Test("no metadata and no tensors")
    func emptyFile() throws {
        let bytes = SafeTensors.encode([:])
        #expect(bytes.count == 16)  // "{}" padded to 8
        let (tensors, metadata) = try SafeTensors.decode(bytes, path: "e")
        #expect(tensors.isEmpty)
        #expect(metadata.isEmpty)
        #expect(!String(decoding: bytes[8...], as: UTF8.self).contains("__metadata__"))
    }

    @Test("tensor names needing JSON escapes round trip")
    func escapedNames() throws {
        let tensors = ["we\"ird\\name\n": Tensor(float32: [1]), "ünï/cödé": Tensor(float32: [2])]
        let decoded = try SafeTensors.decode(SafeTensors.encode(tensors), path: "n").tensors
        #expect(decoded == tensors)
    }

    @Test("encoding is deterministic regardless of dictionary insertion order")
    func deterministic() {
        let first = SafeTensors.encode(Self.sampleTensors, metadata: Self.sampleMetadata)
        let second = SafeTensors.encode(Self.sampleTensors, metadata: Self.sampleMetadata)
        #expect(first == second)
        var reordered: [String: Tensor] = [:]
        for name in Self.sampleTensors.keys.sorted().reversed() { reordered[name] = Self.sampleTensors[name] }
        var metadata: [String: String] = [:]
        for key in Self.sampleMetadata.keys.sorted().reversed() { metadata[key] = Self.sampleMetadata[key] }
        #expect(SafeTensors.encode(reordered, metadata: metadata) == first)
    }

    @Test("header length is little-endian, a multiple of 8, space-padded, and data follows it exactly")
    func alignedHeader() throws {
        for count in 0..<17 {
            // Vary the name length so every padding amount 0…7 occurs.
            let name = String(repeating: "x", count: count + 1)
            let bytes = SafeTensors.encode([name: Tensor(uint64: [UInt64(count)])])
            let length = Self.headerLength(bytes)
            #expect(length % 8 == 0)
            #expect(bytes.count == 8 + length + 8)
            let header = String(decoding: bytes[8..<(8 + length)], as: UTF8.self)
            let json = header.trimmingCharacters(in: .whitespaces)
            #expect(json.hasSuffix("}"))
            #expect(header.dropFirst(json.count).allSatisfy { $0 == " " })
            #expect(header.count - json.count < 8)
            #expect(Array(bytes[(8 + length)...]) == Tensor(uint64: [UInt64(count)]).bytes)
        }
        let bytes = SafeTensors.encode(Self.sampleTensors, metadata: Self.sampleMetadata)
        #expect(Self.headerLength(bytes) % 8 == 0)
    }

    @Test("header is the exact safetensors layout (names sorted, offsets relative to data)")
    func exactHeader() throws {
        let bytes = SafeTensors.encode(
            ["b": Tensor(uint64: [1]), "a": Tensor(float32: [1, 2], shape: [1, 2])], metadata: ["k": "v"])
        let length = Self.headerLength(bytes)
        let header = String(decoding: bytes[8..<(8 + length)], as: UTF8.self)
        #expect(
            header.trimmingCharacters(in: .whitespaces)
                == #"{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[1,2],"data_offsets":[0,8]},"b":{"dtype":"U64","shape":[1],"data_offsets":[8,16]}}"#
        )
        #expect(Array(bytes[(8 + length)...]) == Tensor(float32: [1, 2]).bytes + Tensor(uint64: [1]).bytes)
    }

    @Test("decode accepts other writers' files: unpadded header, whitespace, entries not in offset order")
    func foreignLayout() throws {
        let data = Tensor(float32: [1, 2]).bytes + Tensor(uint64: [3]).bytes
        let header =
            #"{ "z" : {"dtype":"F32","shape":[2],"data_offsets":[0,8]}, "a": {"dtype":"U64","shape":[1],"data_offsets":[8,16]} }"#
        let (tensors, metadata) = try SafeTensors.decode(Self.raw(header: header, data: data), path: "f")
        #expect(tensors["z"] == Tensor(float32: [1, 2]))
        #expect(tensors["a"] == Tensor(uint64: [3]))
        #expect(metadata.isEmpty)
    }

    // MARK: - Rejections

    @Test("fewer than 8 bytes")
    func tooShort() {
        for count in 0..<8 {
            Self.expectMalformed([UInt8](repeating: 0, count: count), "\(count) bytes")
        }
    }

    @Test("header length beyond the file or the size limit")
    func headerLengthBeyondFile() {
        Self.expectMalformed(Self.raw(header: "{}", declaredLength: 3), "exceeds")
        Self.expectMalformed(Self.raw(header: "{}", declaredLength: 1000), "exceeds")
        Self.expectMalformed(Self.raw(header: "{}", declaredLength: UInt64(SafeTensors.maxHeaderBytes) + 1), "exceeds")
        Self.expectMalformed(Self.raw(header: "{}", declaredLength: UInt64(Int64.max)), "exceeds")
        Self.expectMalformed(Self.raw(header: "{}", declaredLength: .max), "exceeds")
    }

    @Test(
        "header that is not a JSON object",
        arguments: [
            "not json", "", "{", "[1,2]", "\"text\"", "42", "null", "{\"a\":}", "{} trailing",
        ])
    func nonJSONHeader(header: String) {
        Self.expectMalformed(Self.raw(header: header), "not a JSON object")
    }

    @Test("header with invalid UTF-8")
    func invalidUTF8Header() {
        Self.expectMalformed([4, 0, 0, 0, 0, 0, 0, 0, UInt8(ascii: "{"), 0xFF, 0xFE, UInt8(ascii: "}")])
    }

    @Test("unknown dtype", arguments: ["BF16", "F16", "f32", "BOOL", ""])
    func unknownDType(dtype: String) {
        let header = #"{"t":{"dtype":"\#(dtype)","shape":[1],"data_offsets":[0,4]}}"#
        Self.expectMalformed(Self.raw(header: header, data: [0, 0, 0, 0]), "unsupported dtype")
    }

    @Test("shape does not match the offsets")
    func shapeOffsetMismatch() {
        Self.expectMalformed(
            Self.raw(
                header: #"{"t":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#,
                data: [UInt8](repeating: 0, count: 8)),
            "needs 12 bytes, offsets give 8")
        Self.expectMalformed(
            Self.raw(
                header: #"{"t":{"dtype":"F64","shape":[2,2],"data_offsets":[0,16]}}"#,
                data: [UInt8](repeating: 0, count: 16)),
            "needs 32 bytes")
        Self.expectMalformed(
            Self.raw(header: #"{"t":{"dtype":"U8","shape":[0],"data_offsets":[0,1]}}"#, data: [1]), "needs 0 bytes")
    }

    @Test("overlapping offsets")
    func overlapping() {
        let header =
            #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
        Self.expectMalformed(
            Self.raw(header: header, data: [UInt8](repeating: 0, count: 12)), "overlaps or leaves a gap")
        // Two tensors sharing the same bytes.
        let aliased =
            #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        Self.expectMalformed(Self.raw(header: aliased, data: [0, 0, 0, 0]), "overlaps or leaves a gap")
    }

    @Test("gap between tensors or before the first")
    func gapped() {
        let header =
            #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#
        Self.expectMalformed(
            Self.raw(header: header, data: [UInt8](repeating: 0, count: 12)), "overlaps or leaves a gap")
        let leading = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#
        Self.expectMalformed(
            Self.raw(header: leading, data: [UInt8](repeating: 0, count: 8)), "overlaps or leaves a gap")
    }

    @Test("trailing bytes after the last tensor")
    func trailingBytes() {
        let valid = SafeTensors.encode(["t": Tensor(float32: [1, 2])])
        Self.expectMalformed(valid + [0], "tensors cover")
        Self.expectMalformed(valid + [UInt8](repeating: 0, count: 8), "tensors cover")
        Self.expectMalformed(Self.raw(header: "{}", data: [1]), "tensors cover 0")
    }

    @Test(
        "offsets outside the data or not integers",
        arguments: [
            "[0,100]", "[-4,0]", "[4,0]", "[0.5,4.5]", "[0,4,8]", "[0]", "[\"0\",\"4\"]", "[0,1e300]",
            "[0,9223372036854775807]", "[0,9223372036854775808]", "[-9223372036854775808,4]", "{}", "null",
        ])
    func badOffsets(offsets: String) {
        let header = #"{"t":{"dtype":"U8","shape":[4],"data_offsets":\#(offsets)}}"#
        Self.expectMalformed(Self.raw(header: header, data: [1, 2, 3, 4]))
    }

    @Test(
        "invalid shapes",
        arguments: [
            "[-1]", "[1.5]", "[\"4\"]", "[null]", "[4294967296]", "[[4]]", "4", "null", "[1e300]",
            "[2147483647,2147483647,2147483647]",
        ])
    func badShapes(shape: String) {
        let header = #"{"t":{"dtype":"U8","shape":\#(shape),"data_offsets":[0,4]}}"#
        Self.expectMalformed(Self.raw(header: header, data: [1, 2, 3, 4]))
    }

    @Test(
        "missing tensor fields and non-object entries",
        arguments: [
            #"{"t":{"shape":[1],"data_offsets":[0,1]}}"#,
            #"{"t":{"dtype":"U8","data_offsets":[0,1]}}"#,
            #"{"t":{"dtype":"U8","shape":[1]}}"#,
            #"{"t":{"dtype":8,"shape":[1],"data_offsets":[0,1]}}"#,
            #"{"t":[1]}"#,
            #"{"t":"U8"}"#,
        ])
    func missingFields(header: String) {
        Self.expectMalformed(Self.raw(header: header, data: [1]))
    }

    @Test("malformed metadata")
    func badMetadata() {
        Self.expectMalformed(Self.raw(header: #"{"__metadata__":"x"}"#), "__metadata__ is not an object")
        Self.expectMalformed(Self.raw(header: #"{"__metadata__":{"n":1}}"#), "__metadata__.n is not a string")
        Self.expectMalformed(Self.raw(header: #"{"__metadata__":{"n":null}}"#), "not a string")
    }

    /// The element count fits in `Int` but `elements * dtype.size` does not: the guard at
    /// SafeTensors.swift:99-101 rejects it, but its error message evaluates `elements * dtype.size`
    /// with a trapping multiply, so the process crashes instead of throwing.
    @Test(
        "shape whose byte size overflows is rejected without crashing",
    )
    func byteSizeOverflow() {
        let header = #"{"t":{"dtype":"F64","shape":[2147483647,2147483647],"data_offsets":[0,8]}}"#
        Self.expectMalformed(Self.raw(header: header, data: [UInt8](repeating: 0, count: 8)))
    }

    // MARK: - Systematic corruption

    static let corruptionTensors: [String: Tensor] = [
        "bias": Tensor(float32: [0.5, -1.25]),
        "ids": Tensor(uint64: [7, 9]),
        "w": Tensor(float64: [1, 2, 3, 4], shape: [2, 2]),
    ]

    @Test("every truncation of a valid file throws ModelFormatError")
    func everyTruncation() {
        let bytes = SafeTensors.encode(Self.corruptionTensors, metadata: ["kind": "demo"])
        var cases = 0
        var rejected = 0
        for length in 0..<bytes.count {
            cases += 1
            do {
                _ = try SafeTensors.decode(Array(bytes[..<length]), path: "cut")
                Issue.record("truncation to \(length) of \(bytes.count) bytes decoded")
            } catch is ModelFormatError {
                rejected += 1
            } catch {
                Issue.record("truncation to \(length): unexpected error \(error)")
            }
        }
        #expect(cases == bytes.count)
        #expect(rejected == cases)
        #expect(cases > 100)
    }

    @Test("every byte flipped (xor 0xFF): header flips throw, data flips decode with exactly that byte changed")
    func everyByteFlipped() throws {
        let metadata = ["kind": "demo"]
        let bytes = SafeTensors.encode(Self.corruptionTensors, metadata: metadata)
        let dataStart = 8 + Self.headerLength(bytes)
        var rejected = 0
        var decoded = 0
        for position in bytes.indices {
            var corrupted = bytes
            corrupted[position] ^= 0xFF
            do {
                let result = try SafeTensors.decode(corrupted, path: "flip")
                decoded += 1
                #expect(position >= dataStart, "header byte \(position) flipped but the file decoded")
                #expect(result.metadata == metadata)
                #expect(Set(result.tensors.keys) == Set(Self.corruptionTensors.keys))
                for (name, tensor) in result.tensors {
                    #expect(tensor.dtype == Self.corruptionTensors[name]?.dtype)
                    #expect(tensor.shape == Self.corruptionTensors[name]?.shape)
                }
                // Re-encoding reproduces the corrupted file: only that data byte differs.
                #expect(SafeTensors.encode(result.tensors, metadata: result.metadata) == corrupted)
            } catch is ModelFormatError {
                rejected += 1
                #expect(position < dataStart, "data byte \(position) flipped but the file was rejected")
            } catch {
                Issue.record("byte \(position): unexpected error \(error)")
            }
        }
        #expect(rejected + decoded == bytes.count)
        #expect(rejected == dataStart)
        #expect(decoded == bytes.count - dataStart)
    }

    @Test("every single-bit flip either throws ModelFormatError or yields self-consistent tensors")
    func everyBitFlipped() throws {
        let bytes = SafeTensors.encode(Self.corruptionTensors, metadata: ["kind": "demo"])
        var cases = 0
        var rejected = 0
        for position in bytes.indices {
            for bit in 0..<8 {
                cases += 1
                var corrupted = bytes
                corrupted[position] ^= UInt8(1) << UInt8(bit)
                do {
                    let result = try SafeTensors.decode(corrupted, path: "bit")
                    let dataLength = corrupted.count - 8 - Self.headerLength(corrupted)
                    var covered = 0
                    for tensor in result.tensors.values {
                        #expect(tensor.bytes.count == tensor.elementCount * tensor.dtype.size)
                        covered += tensor.bytes.count
                    }
                    #expect(covered == dataLength)
                } catch is ModelFormatError {
                    rejected += 1
                } catch {
                    Issue.record("byte \(position) bit \(bit): unexpected error \(error)")
                }
            }
        }
        #expect(cases == bytes.count * 8)
        #expect(rejected > 0)
        #expect(rejected < cases)  // data-bit flips decode
    }
}
