import Testing

@testable import ModelFormat

@Suite("SHA256")
struct SHA256Tests {
    // FIPS 180-4 / NIST example vectors.
    @Test(
        "FIPS short vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            ),
        ])
    func fipsVector(message: String, expected: String) {
        #expect(SHA256.hexDigest(Array(message.utf8)) == expected)
    }

    @Test("FIPS one million 'a'")
    func oneMillionA() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(bytes) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    // Lengths around the 55/56/64-byte padding boundaries (reference values from coreutils sha256sum).
    @Test(
        "padding boundaries",
        arguments: [
            (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
            (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
            (57, "f13b2d724659eb3bf47f2dd6af1accc87b81f09f59f2b75e5c0bed6589dfe8c6"),
            (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
            (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
            (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
            (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
            (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
            (127, "c57e9278af78fa3cab38667bef4ce29d783787a2f731d4e12200270f0c32320a"),
            (128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"),
        ])
    func paddingBoundary(length: Int, expected: String) {
        #expect(SHA256.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: length)) == expected)
    }

    @Test("all byte values (non-ASCII input)")
    func allByteValues() {
        let bytes = (0..<3).flatMap { _ in (0...255).map { UInt8($0) } }
        #expect(SHA256.hexDigest(bytes) == "f3a25aa93aa2fbba28d79260535bbd6a5eb0fc1c24a8b0f04e12b484c1dfe363")
    }

    @Test("digest is 32 bytes and hexDigest is its lower-case hex")
    func digestMatchesHex() {
        let digest = SHA256.digest(Array("abc".utf8))
        #expect(digest.count == 32)
        #expect(digest.prefix(4) == [0xba, 0x78, 0x16, 0xbf])
        let hex = digest.map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
        #expect(SHA256.hexDigest(Array("abc".utf8)) == hex)
        #expect(hex.count == 64)
    }

    @Test("a single flipped bit changes the digest")
    func avalanche() {
        let original = Array("model weights".utf8)
        var changed = original
        changed[0] ^= 0x01
        #expect(SHA256.hexDigest(original) != SHA256.hexDigest(changed))
        #expect(SHA256.hexDigest(original) == SHA256.hexDigest(Array("model weights".utf8)))
    }

    @Test("the processor's SHA instructions give the portable rounds' digest")
    func acceleratedEqualsPortable() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func byte() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        for count in Array(0...300) + [4_096, 1_000_003] {
            let bytes = (0..<count).map { _ in byte() }
            #expect(SHA256.digest(bytes, accelerated: true) == SHA256.digest(bytes, accelerated: false), "\(count)")
        }
    }
}
