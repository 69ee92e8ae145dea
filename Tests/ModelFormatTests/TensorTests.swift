import Testing

@testable import ModelFormat

@Suite("Tensor")
struct TensorTests {
    static let float32Patterns: [UInt32] = [
        0x0000_0000, 0x8000_0000,  // +0, -0
        0x3F80_0000, 0xBF80_0000,  // 1, -1
        0x7F80_0000, 0xFF80_0000,  // +inf, -inf
        0x0000_0001, 0x807F_FFFF,  // subnormals
        0x7F7F_FFFF,  // greatest finite
        0x7FC0_0000, 0xFFC0_0000,  // quiet NaN, negative quiet NaN
        0x7FC0_1234, 0x7FA0_0001,  // NaN payloads, signalling NaN
    ]
    static let float64Patterns: [UInt64] = [
        0x0000_0000_0000_0000, 0x8000_0000_0000_0000,
        0x3FF0_0000_0000_0000, 0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000,
        0x0000_0000_0000_0001, 0x7FEF_FFFF_FFFF_FFFF,
        0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0000,
        0x7FF8_DEAD_BEEF_0001, 0x7FF4_0000_0000_0001,  // payload NaN, signalling NaN
    ]

    @Test("F32 round trip keeps every bit pattern, including NaN payloads")
    func float32RoundTrip() throws {
        let values = Self.float32Patterns.map(Float.init(bitPattern:))
        let tensor = Tensor(float32: values)
        #expect(tensor.dtype == .F32)
        #expect(tensor.shape == [values.count])
        #expect(tensor.bytes.count == values.count * 4)
        let decoded = try #require(tensor.float32Values())
        #expect(decoded.map(\.bitPattern) == Self.float32Patterns)
        // Through a safetensors file too.
        let file = SafeTensors.encode(["t": tensor])
        let back = try #require(try SafeTensors.decode(file, path: "t").tensors["t"]?.float32Values())
        #expect(back.map(\.bitPattern) == Self.float32Patterns)
    }

    @Test("F64 round trip keeps every bit pattern, including NaN payloads")
    func float64RoundTrip() throws {
        let values = Self.float64Patterns.map(Double.init(bitPattern:))
        let tensor = Tensor(float64: values, shape: [values.count, 1])
        #expect(tensor.dtype == .F64)
        #expect(tensor.shape == [values.count, 1])
        #expect(tensor.bytes.count == values.count * 8)
        let decoded = try #require(tensor.float64Values())
        #expect(decoded.map(\.bitPattern) == Self.float64Patterns)
        let file = SafeTensors.encode(["t": tensor])
        let back = try #require(try SafeTensors.decode(file, path: "t").tensors["t"]?.float64Values())
        #expect(back.map(\.bitPattern) == Self.float64Patterns)
    }

    @Test("U64 round trip including extremes")
    func uint64RoundTrip() throws {
        let values: [UInt64] = [0, 1, 255, 256, 0x0123_4567_89AB_CDEF, UInt64(Int64.max), UInt64.max]
        let tensor = Tensor(uint64: values)
        #expect(tensor.dtype == .U64)
        #expect(try #require(tensor.uint64Values()) == values)
    }

    @Test("bytes are little-endian")
    func littleEndianLayout() {
        #expect(Tensor(uint64: [0x0102_0304_0506_0708]).bytes == [8, 7, 6, 5, 4, 3, 2, 1])
        #expect(Tensor(float32: [1]).bytes == [0x00, 0x00, 0x80, 0x3F])
        #expect(Tensor(float64: [1]).bytes == [0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
    }

    @Test("accessors return nil for another dtype")
    func wrongDTypeAccessors() {
        let f32 = Tensor(float32: [1])
        let f64 = Tensor(float64: [1])
        let u64 = Tensor(uint64: [1])
        #expect(f32.float64Values() == nil)
        #expect(f32.uint64Values() == nil)
        #expect(f64.float32Values() == nil)
        #expect(f64.uint64Values() == nil)
        #expect(u64.float32Values() == nil)
        #expect(u64.float64Values() == nil)
        let raw = Tensor(dtype: .I32, shape: [2], bytes: [1, 0, 0, 0, 2, 0, 0, 0])
        #expect(raw.float32Values() == nil && raw.float64Values() == nil && raw.uint64Values() == nil)
    }

    @Test("shape and element count")
    func shapeAndCount() {
        let matrix = Tensor(float32: [1, 2, 3, 4, 5, 6], shape: [2, 3])
        #expect(matrix.shape == [2, 3])
        #expect(matrix.elementCount == 6)
        #expect(Tensor(float32: []).elementCount == 0)
        #expect(Tensor(float32: []).bytes.isEmpty)
        #expect(Tensor(dtype: .U8, shape: [], bytes: [7]).elementCount == 1)  // scalar
        #expect(Tensor(float32: [1, 2]) == Tensor(float32: [1, 2]))
        #expect(Tensor(float32: [1, 2]) != Tensor(float32: [1, 2], shape: [2, 1]))
    }

    @Test(
        "dtype sizes",
        arguments: [
            (Tensor.DType.F32, 4), (.F64, 8), (.I32, 4), (.I64, 8), (.U64, 8), (.U8, 1),
        ])
    func dtypeSize(dtype: Tensor.DType, size: Int) {
        #expect(dtype.size == size)
        #expect(Tensor.DType(rawValue: dtype.rawValue) == dtype)
    }
}
