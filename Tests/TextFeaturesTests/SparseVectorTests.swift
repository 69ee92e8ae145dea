import Testing
@_spi(Components) import TextFeatures

@Suite("SparseVector")
struct SparseVectorTests {
    @Test func emptyVector() {
        let x = SparseVector()
        #expect(x.count == 0)
        #expect(x.isWellFormed)
        #expect(x.requiredDimension == 0)
        #expect(x.dot([]) == 0)
        #expect(x.dot([1, 2, 3]) == 0)
    }

    @Test func appendAndDot() {
        var x = SparseVector()
        x.append(index: 3, value: 0.5)
        #expect(x.dot([0, 0, 0, 2]) == 1)
        x.append(index: 5, value: -2)
        #expect(x.count == 2)
        #expect(x.indices == [3, 5])
        #expect(x.values == [0.5, -2])
        #expect(x.requiredDimension == 6)
        #expect(x.dot([1, 1, 1, 4, 1, 3]) == 2 - 6)
        #expect(x.isWellFormed)
    }

    @Test func wellFormedness() {
        #expect(SparseVector(indices: [0, 1, 7], values: [1, 2, 3]).isWellFormed)
        #expect(!SparseVector(indices: [1, 0], values: [1, 2]).isWellFormed)
        #expect(!SparseVector(indices: [2, 2], values: [1, 2]).isWellFormed)
        #expect(!SparseVector(indices: [0, 1], values: [1]).isWellFormed)
        #expect(!SparseVector(indices: [0], values: [1, 2]).isWellFormed)
    }

    @Test func removeAllKeepsCapacity() {
        var x = SparseVector()
        for i in 0..<100 { x.append(index: Int32(i), value: Float(i)) }
        let indexCapacity = x.indices.capacity, valueCapacity = x.values.capacity
        x.removeAll()
        #expect(x.count == 0)
        #expect(x.values.isEmpty)
        #expect(x.indices.capacity >= indexCapacity)
        #expect(x.values.capacity >= valueCapacity)
    }

    /// The copy kept per training example: equal, in storage of its own sized to its entries, and
    /// the original still reusable without replacing its storage.
    @Test func exactCopyOwnsStorageOfItsSize() {
        var x = SparseVector()
        x.indices.reserveCapacity(1000)
        x.values.reserveCapacity(1000)
        for i in 0..<5 { x.append(index: Int32(3 * i), value: Float(i) + 0.5) }
        let copy = x.exactCopy()
        #expect(copy == x)
        #expect(copy.indices.capacity < 100 && copy.values.capacity < 100)
        x.indices.withUnsafeBufferPointer { original in
            copy.indices.withUnsafeBufferPointer { #expect($0.baseAddress != original.baseAddress) }
        }
        x.removeAll()
        x.append(index: 1, value: 2)
        #expect(copy.indices == [0, 3, 6, 9, 12] && copy.values == [0.5, 1.5, 2.5, 3.5, 4.5])
        #expect(x.indices.capacity >= 1000)
        #expect(SparseVector().exactCopy() == SparseVector())
    }

    @Test func equatableAndHashable() {
        let a = SparseVector(indices: [1, 4], values: [0.5, 1])
        let b = SparseVector(indices: [1, 4], values: [0.5, 1])
        let c = SparseVector(indices: [1, 5], values: [0.5, 1])
        #expect(a == b)
        #expect(a != c)
        #expect(Set([a, b, c]).count == 2)
    }
}
