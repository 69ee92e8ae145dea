/// A named, typed, shaped array as stored in a safetensors file (little-endian).
///
/// ```swift
/// let t = Tensor(float32: [1, 2, 3, 4], shape: [2, 2])
/// t.float32Values()   // [1, 2, 3, 4]
/// ```
package struct Tensor: Sendable {
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
    /// Raw little-endian bytes: a view into the buffer they were read in (a decoded file's bytes are
    /// shared by its tensors, not copied per tensor).
    private let storage: ArraySlice<UInt8>

    /// Raw little-endian bytes.
    package var bytes: [UInt8] { Array(storage) }

    /// Number of raw bytes.
    package var byteCount: Int { storage.count }

    /// A tensor from raw bytes; the caller guarantees `bytes.count == product(shape) * dtype.size`.
    package init(dtype: DType, shape: [Int], bytes: [UInt8]) {
        self.init(dtype: dtype, shape: shape, slice: bytes[...])
    }

    /// A tensor whose bytes are `slice` of a larger buffer (kept alive, not copied).
    package init(dtype: DType, shape: [Int], slice: ArraySlice<UInt8>) {
        self.dtype = dtype
        self.shape = shape
        self.storage = slice
    }

    /// Runs `body` with the raw bytes.
    package func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes(body)
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
        return Tensor.unpack(storage, as: Float.self)
    }

    /// The values of a `F64` tensor, or `nil` for another dtype.
    package func float64Values() -> [Double]? {
        guard dtype == .F64 else { return nil }
        return Tensor.unpack(storage, as: Double.self)
    }

    /// The values of a `U64` tensor, or `nil` for another dtype.
    package func uint64Values() -> [UInt64]? {
        guard dtype == .U64 else { return nil }
        return Tensor.unpack(storage, as: UInt64.self)
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

    /// The elements of `bytes` as `T`, copied once into the result (a model's weights are megabytes:
    /// no intermediate integer array). The stored bytes are little-endian, like the machines this runs on;
    /// elsewhere each element is byte-swapped after the copy.
    static func unpack<T: BitwiseCopyable>(_ bytes: ArraySlice<UInt8>, as type: T.Type) -> [T] {
        let count = bytes.count / MemoryLayout<T>.size
        var values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                if count > 0 {
                    UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(
                        from: raw.baseAddress!, byteCount: count * MemoryLayout<T>.size)
                }
            }
            initialized = count
        }
        #if _endian(big)
            swapBytes(&values)
        #endif
        return values
    }

    #if _endian(big)
        /// Reverses the bytes of every element (little-endian storage on a big-endian machine).
        private static func swapBytes<T>(_ values: inout [T]) {
            values.withUnsafeMutableBytes { raw in
                let size = MemoryLayout<T>.size
                for start in stride(from: 0, to: raw.count, by: size) {
                    var low = start
                    var high = start + size - 1
                    while low < high {
                        raw.swapAt(low, high)
                        low += 1
                        high -= 1
                    }
                }
            }
        }
    #endif
}

extension Tensor: Equatable {
    /// Equal dtype, shape and bytes (wherever the bytes are stored).
    package static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        lhs.dtype == rhs.dtype && lhs.shape == rhs.shape && lhs.storage.elementsEqual(rhs.storage)
    }
}
