import CSHA256

/// SHA-256 (FIPS 180-4), used to checksum model files. Small and dependency-free so loading a model
/// does not pull in a crypto package: whole blocks go through the x86 SHA extensions where the
/// processor has them (`CSHA256`), otherwise through the portable rounds below.
///
/// ```swift
/// SHA256.hexDigest(Array("abc".utf8))
/// // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
package enum SHA256 {
    /// The 32-byte digest of `bytes`.
    package static func digest(_ bytes: [UInt8]) -> [UInt8] { digest(bytes, accelerated: true) }

    /// The digest, with the processor's SHA instructions when `accelerated` and available (tests
    /// compare both ways).
    package static func digest(_ bytes: [UInt8], accelerated: Bool) -> [UInt8] {
        var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
        )
        // Whole blocks are read in place (a model file is megabytes: no copy); only the last one or
        // two blocks, which carry the padding and the length, are assembled separately.
        let wholeBlocks = bytes.count / 64
        var tail = Array(bytes[(wholeBlocks * 64)...])
        let bitLength = UInt64(bytes.count) &* 8
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            k.withUnsafeBufferPointer { k in
                bytes.withUnsafeBufferPointer { data in
                    if accelerated, let start = data.baseAddress, wholeBlocks > 0,
                        compressAccelerated(start, wholeBlocks, &h)
                    {
                        return
                    }
                    for block in 0..<wholeBlocks {
                        compress(UnsafeBufferPointer(rebasing: data[(block * 64)..<(block * 64 + 64)]), &h, w, k)
                    }
                }
                tail.withUnsafeBufferPointer { data in
                    for start in stride(from: 0, to: data.count, by: 64) {
                        compress(UnsafeBufferPointer(rebasing: data[start..<(start + 64)]), &h, w, k)
                    }
                }
            }
        }
        return [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7].flatMap { word in
            (0..<4).map { UInt8(truncatingIfNeeded: word >> UInt32(24 - 8 * $0)) }
        }
    }

    /// Compresses `blocks` whole blocks at `data` into `h` with the processor's SHA instructions;
    /// false (nothing done) when it has none.
    private static func compressAccelerated(
        _ data: UnsafePointer<UInt8>, _ blocks: Int,
        _ h: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
    ) -> Bool {
        var state = [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7]
        guard dt_sha256_blocks(&state, data, blocks) != 0 else { return false }
        h = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
        return true
    }

    /// One round of the compression function over a 64-byte block; `w` is scratch for the schedule.
    @inline(__always)
    private static func compress(
        _ block: UnsafeBufferPointer<UInt8>,
        _ h: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
        _ w: UnsafeMutableBufferPointer<UInt32>, _ k: UnsafeBufferPointer<UInt32>
    ) {
        for i in 0..<16 {
            let b = i * 4
            w[i] =
                UInt32(block[b]) << 24 | UInt32(block[b + 1]) << 16 | UInt32(block[b + 2]) << 8 | UInt32(block[b + 3])
        }
        for i in 16..<64 {
            let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
            let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, hh) = h
        for i in 0..<64 {
            let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
            let choice = (e & f) ^ (~e & g)
            let t1 = hh &+ s1 &+ choice &+ k[i] &+ w[i]
            let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ majority
            hh = g; g = f; f = e; e = d &+ t1
            d = c; c = b; b = a; a = t1 &+ t2
        }
        h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
    }

    /// The digest as 64 lower-case hex digits.
    package static func hexDigest(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in digest(bytes) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    /// The round constants (one table, shared with the C rounds).
    private static let k: [UInt32] = withUnsafeBytes(of: dt_sha256_k) { Array($0.bindMemory(to: UInt32.self)) }
}
