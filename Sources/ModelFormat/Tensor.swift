/// A named, typed, shaped array as stored in a safetensors file (little-endian).
///
/// ```swift
/// let t = Tensor(float32: [1, 2, 3, 4], shape: [2, 2])
/// t.float32Values()   // [1, 2, 3, 4]
/// ```
package struct Tensor: Sendable, Equatable {
    /// Element types this library writes and reads (safetensors dtype names).
    package enum DType: String, Sendable, Codable, CaseIterable {
        // The cases are spelled as safetensors spells the dtypes.
        // swift-format-ignore: AlwaysUseLowerCamelCase
        case F32, F64, I32, I64, U64, U8

        /// Bytes per element.
        package var size: Int {
            switch self {
            case .F32, .I32: return 4
            case .F64, .I64, .U64: return 8
            case .U8: return 1
            }
        }
    }

    /// Element type.
    package let dtype: DType
    /// Shape (row-major); the product is the element count.
    package let shape: [Int]
    /// Raw little-endian bytes.
    package let bytes: [UInt8]

    /// A tensor from raw bytes; the caller guarantees `bytes.count == product(shape) * dtype.size`.
    package init(dtype: DType, shape: [Int], bytes: [UInt8]) {
        self.dtype = dtype
        self.shape = shape
        self.bytes = bytes
    }

    /// Number of elements.
    package var elementCount: Int { shape.reduce(1, *) }

    /// A `F32` tensor; `shape` defaults to `[values.count]`.
    package init(float32 values: [Float], shape: [Int]? = nil) {
        self.init(dtype: .F32, shape: shape ?? [values.count], bytes: Tensor.pack(values.map { $0.bitPattern }))
    }

    /// A `F64` tensor.
    package init(float64 values: [Double], shape: [Int]? = nil) {
        self.init(dtype: .F64, shape: shape ?? [values.count], bytes: Tensor.pack(values.map { $0.bitPattern }))
    }

    /// A `U64` tensor.
    package init(uint64 values: [UInt64], shape: [Int]? = nil) {
        self.init(dtype: .U64, shape: shape ?? [values.count], bytes: Tensor.pack(values))
    }

    /// The values of a `F32` tensor, or `nil` for another dtype.
    package func float32Values() -> [Float]? {
        guard dtype == .F32 else { return nil }
        return Tensor.unpack(bytes, as: UInt32.self).map(Float.init(bitPattern:))
    }

    /// The values of a `F64` tensor, or `nil` for another dtype.
    package func float64Values() -> [Double]? {
        guard dtype == .F64 else { return nil }
        return Tensor.unpack(bytes, as: UInt64.self).map(Double.init(bitPattern:))
    }

    /// The values of a `U64` tensor, or `nil` for another dtype.
    package func uint64Values() -> [UInt64]? {
        guard dtype == .U64 else { return nil }
        return Tensor.unpack(bytes, as: UInt64.self)
    }

    static func pack<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: values.count * MemoryLayout<T>.size)
        bytes.withUnsafeMutableBytes { raw in
            for (i, value) in values.enumerated() {
                raw.storeBytes(of: value.littleEndian, toByteOffset: i * MemoryLayout<T>.size, as: T.self)
            }
        }
        return bytes
    }

    static func unpack<T: FixedWidthInteger>(_ bytes: [UInt8], as type: T.Type) -> [T] {
        let count = bytes.count / MemoryLayout<T>.size
        return bytes.withUnsafeBytes { raw in
            (0..<count).map {
                T(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self))
            }
        }
    }
}
