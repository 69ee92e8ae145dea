import Testing

@_spi(Components) @testable import TextFeatures

@Suite struct KeySortTests {
    /// xorshift64*, so the test data is the same on every run.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27
            return state &* 0x2545_F491_4F6C_DD1D
        }
    }

    @Test(arguments: [0, 1, 2, 31, 32, 33, 200, 1023, 1024, 5000])
    func sortsLikeTheStandardLibrary(count: Int) {
        var generator = Generator(state: UInt64(count) &+ 0x9E37_79B9)
        for keyBits in [1, 8, 17, 40, 64] {
            let mask: UInt64 = keyBits == 64 ? .max : (1 << UInt64(keyBits)) - 1
            var keys = (0..<count).map { _ in generator.next() & mask }
            let expected = keys.sorted()
            var scratch: [UInt64] = [], counts: [Int] = []
            KeySort.sort(&keys, scratch: &scratch, counts: &counts)
            #expect(keys == expected, "count \(count), \(keyBits)-bit keys")
        }
    }

    @Test func smallInputsUseNarrowerDigits() {
        let small = KeySort.digitBits(keyBits: 18, count: 100)
        let large = KeySort.digitBits(keyBits: 18, count: 5000)
        #expect((4...11).contains(small) && (4...11).contains(large))
        #expect(small < large)
        #expect(KeySort.digitBits(keyBits: 0, count: 10) == 4)
    }
}
