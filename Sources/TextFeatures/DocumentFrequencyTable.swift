/// Document frequencies of 64-bit feature hashes, and the name of each word n-gram, gathered while
/// a vocabulary is fitted: an open-addressing table that remembers the last document that counted
/// each hash, so a document counts a hash once without sorting its hashes first, and that needs no
/// second hash of the key (the keys are already hashes). Replaces two `Dictionary`s plus a sort per
/// document, a quarter of the vocabulary fit; the counts and names are the same.
struct DocumentFrequencyTable {
    /// One slot, 16 bytes: a probe reads one cache line.
    private struct Slot {
        var key: UInt64 = 0
        var count: Int32 = 0  // 0 marks an empty slot
        var lastDocument: Int32 = -1
    }

    private var slots: [Slot]
    private var nameIndex: [Int32]  // into `names`; -1 = none yet
    private var names: [String] = []
    private var shift: UInt64
    /// Distinct hashes counted.
    private(set) var count = 0

    /// An empty table with room for about `capacity` hashes before it grows.
    init(capacity: Int = 1 << 15) {
        let bits = max(4, Int.bitWidth - (max(capacity, 8) * 2 - 1).leadingZeroBitCount)
        slots = [Slot](repeating: Slot(), count: 1 << bits)
        nameIndex = [Int32](repeating: -1, count: 1 << bits)
        shift = UInt64(64 - bits)
    }

    /// Counts `key` for `document` unless this document already counted it. Documents are
    /// numbered 0, 1, … and counted in that order.
    mutating func add(_ key: UInt64, document: Int32) { _ = slot(adding: key, document: document) }

    /// As ``add(_:document:)``, and names `key` with `name()` unless it already has a name.
    /// Returns false when this document had already counted `key`.
    @discardableResult
    mutating func add(_ key: UInt64, document: Int32, name: () -> String) -> Bool {
        let (slot, counted) = slot(adding: key, document: document)
        if nameIndex[slot] < 0 {
            nameIndex[slot] = Int32(names.count)
            names.append(name())
        }
        return counted
    }

    /// Every counted hash with its document frequency and name (nil for none), in no particular order.
    func forEach(_ body: (_ key: UInt64, _ documentFrequency: Int32, _ name: String?) -> Void) {
        for (i, slot) in slots.enumerated() where slot.count != 0 {
            body(slot.key, slot.count, nameIndex[i] < 0 ? nil : names[Int(nameIndex[i])])
        }
    }

    /// Fibonacci hashing: the slot where `key`'s probe starts.
    private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// Counts `key` as ``add(_:document:)`` describes and returns its slot (valid until the next
    /// call) and whether it counted (false: this document had counted it already).
    private mutating func slot(adding key: UInt64, document: Int32) -> (slot: Int, counted: Bool) {
        if 2 * (count + 1) > slots.count { grow() }
        let start = home(key)
        let (slot, isNew, counted) = slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var i = start
            while slots[i].count != 0 && slots[i].key != key { i = (i + 1) & mask }
            let isNew = slots[i].count == 0
            if isNew {
                slots[i].key = key
            } else if slots[i].lastDocument == document {
                return (i, false, false)
            }
            slots[i].count += 1
            slots[i].lastDocument = document
            return (i, isNew, true)
        }
        if isNew { count += 1 }
        return (slot, counted)
    }

    private mutating func grow() {
        var larger = DocumentFrequencyTable(capacity: slots.count)
        swap(&larger.names, &names)
        let mask = larger.slots.count - 1
        for (i, slot) in slots.enumerated() where slot.count != 0 {
            var target = larger.home(slot.key)
            while larger.slots[target].count != 0 { target = (target + 1) & mask }
            larger.slots[target] = slot
            larger.nameIndex[target] = nameIndex[i]
        }
        larger.count = count
        self = larger
    }
}
