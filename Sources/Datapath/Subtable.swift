/// The rules of a classifier that share one mask: an open-addressing hash table (linear probing,
/// at most half full) from the masked key to an entry, each entry holding the rules with that
/// masked value (best first).
///
/// Only the words the mask uses are hashed, compared and stored (a compiled rule uses 3-6 of the
/// key's 16 words). Probing reads a 16-bit fingerprint per slot, so a miss touches one small array;
/// the stored key is compared only when the fingerprint agrees. Storage is manual (unsafe
/// pointers, freed in `deinit`) so that the lookup loop runs without bounds checks or reference
/// counting; the type is internal and used by one classifier at a time.
final class Subtable {
    let mask: ClassifierKey
    /// How many words the mask uses, which they are, and their masks.
    let activeCount: Int
    let activeIndex: UnsafeMutablePointer<Int>
    let activeMask: UnsafeMutablePointer<UInt64>

    /// Slots (a power of two): fingerprint (0: empty) and entry index.
    private(set) var slotMask: Int
    private(set) var fingerprints: UnsafeMutablePointer<UInt16>
    private(set) var slotEntry: UnsafeMutablePointer<Int32>

    /// Entries, dense: masked key words (`activeCount` each), full hash, best rule and its precedence.
    private(set) var entryCapacity: Int
    private(set) var entryCount = 0
    private(set) var entryKeys: UnsafeMutablePointer<UInt64>
    private(set) var entryHash: UnsafeMutablePointer<UInt64>
    var entryHead: UnsafeMutablePointer<Int32>
    var entryPrecedence: UnsafeMutablePointer<UInt64>

    /// The best precedence of any rule here (`UInt64.max` when empty): the classifier visits
    /// subtables in this order and stops once a found rule beats every rule left.
    var best: UInt64 = .max
    /// The number of rules (an entry holds one or more).
    var ruleCount = 0

    init(mask: ClassifierKey) {
        self.mask = mask
        var words: [Int] = []
        for i in 0..<ClassifierKey.wordCount where mask[i] != 0 { words.append(i) }
        activeCount = words.count
        activeIndex = .allocate(capacity: max(1, words.count))
        activeMask = .allocate(capacity: max(1, words.count))
        for (j, i) in words.enumerated() {
            activeIndex[j] = i
            activeMask[j] = mask[i]
        }
        slotMask = 7
        fingerprints = .allocate(capacity: 8)
        fingerprints.initialize(repeating: 0, count: 8)
        slotEntry = .allocate(capacity: 8)
        slotEntry.initialize(repeating: -1, count: 8)
        entryCapacity = 4
        entryKeys = .allocate(capacity: 4 * max(1, activeCount))
        entryHash = .allocate(capacity: 4)
        entryHead = .allocate(capacity: 4)
        entryPrecedence = .allocate(capacity: 4)
    }

    deinit {
        activeIndex.deallocate()
        activeMask.deallocate()
        fingerprints.deallocate()
        slotEntry.deallocate()
        entryKeys.deallocate()
        entryHash.deallocate()
        entryHead.deallocate()
        entryPrecedence.deallocate()
    }

    // MARK: Lookup

    /// The hash of `key`'s masked words.
    @inline(__always)
    func hash(_ key: UnsafePointer<UInt64>) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for j in 0..<activeCount {
            h = (h ^ (key[activeIndex[j]] & activeMask[j])) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 31
        }
        // Final mix (splitmix64's): slot bits (low) and fingerprint bits (high) both depend on every word.
        h ^= h >> 29
        h &*= 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }

    @inline(__always)
    static func fingerprint(_ hash: UInt64) -> UInt16 {
        let f = UInt16(truncatingIfNeeded: hash >> 48)
        return f == 0 ? 1 : f
    }

    /// The entry whose masked value `key` has, or -1.
    @inline(__always)
    func find(_ key: UnsafePointer<UInt64>, hash h: UInt64) -> Int {
        let fp = Self.fingerprint(h)
        let fps = fingerprints, slots = slotEntry, m = slotMask
        var slot = Int(truncatingIfNeeded: h) & m
        while true {
            let f = fps[slot]
            if f == fp {
                let e = Int(slots[slot])
                if entryEquals(e, key) { return e }
            } else if f == 0 {
                return -1
            }
            slot = (slot &+ 1) & m
        }
    }

    @inline(__always)
    func entryEquals(_ e: Int, _ key: UnsafePointer<UInt64>) -> Bool {
        let stored = entryKeys + e &* activeCount
        var difference: UInt64 = 0
        for j in 0..<activeCount { difference |= (key[activeIndex[j]] & activeMask[j]) ^ stored[j] }
        return difference == 0
    }

    // MARK: Changes

    /// Adds an entry for the masked value of `key` (not present yet); returns its index.
    func addEntry(_ key: UnsafePointer<UInt64>, hash h: UInt64) -> Int {
        if (entryCount + 1) * 2 > slotMask + 1 { resizeSlots(to: (slotMask + 1) * 2) }
        if entryCount == entryCapacity { growEntries() }
        let e = entryCount
        entryCount += 1
        let stored = entryKeys + e * activeCount
        for j in 0..<activeCount { stored[j] = key[activeIndex[j]] & activeMask[j] }
        entryHash[e] = h
        entryHead[e] = -1
        entryPrecedence[e] = .max
        place(e, hash: h)
        return e
    }

    /// Removes entry `e`. The last entry moves into its place: returns that entry's old index
    /// (its rules must be told), or nil when `e` was the last.
    func removeEntry(_ e: Int) -> Int? {
        unplace(e)
        let last = entryCount - 1
        entryCount -= 1
        guard e != last else { return nil }
        let m = slotMask
        var slot = Int(truncatingIfNeeded: entryHash[last]) & m
        while slotEntry[slot] != Int32(last) { slot = (slot + 1) & m }
        slotEntry[slot] = Int32(e)
        (entryKeys + e * activeCount).update(from: entryKeys + last * activeCount, count: activeCount)
        entryHash[e] = entryHash[last]
        entryHead[e] = entryHead[last]
        entryPrecedence[e] = entryPrecedence[last]
        return last
    }

    /// Recomputes `best` from the entries (after the best rule left).
    func recomputeBest() {
        var b = UInt64.max
        for e in 0..<entryCount where entryPrecedence[e] < b { b = entryPrecedence[e] }
        best = b
    }

    private func place(_ e: Int, hash h: UInt64) {
        let m = slotMask
        var slot = Int(truncatingIfNeeded: h) & m
        while fingerprints[slot] != 0 { slot = (slot + 1) & m }
        fingerprints[slot] = Self.fingerprint(h)
        slotEntry[slot] = Int32(e)
    }

    /// Empties entry `e`'s slot, shifting later slots of the probe run back (no tombstones).
    private func unplace(_ e: Int) {
        let m = slotMask
        var hole = Int(truncatingIfNeeded: entryHash[e]) & m
        while slotEntry[hole] != Int32(e) || fingerprints[hole] == 0 { hole = (hole + 1) & m }
        var next = (hole + 1) & m
        while fingerprints[next] != 0 {
            let home = Int(truncatingIfNeeded: entryHash[Int(slotEntry[next])]) & m
            // The slot at `next` may move into the hole unless its home lies cyclically in (hole, next].
            let stays = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next)
            if !stays {
                fingerprints[hole] = fingerprints[next]
                slotEntry[hole] = slotEntry[next]
                hole = next
            }
            next = (next + 1) & m
        }
        fingerprints[hole] = 0
        slotEntry[hole] = -1
    }

    private func resizeSlots(to count: Int) {
        fingerprints.deallocate()
        slotEntry.deallocate()
        fingerprints = .allocate(capacity: count)
        fingerprints.initialize(repeating: 0, count: count)
        slotEntry = .allocate(capacity: count)
        slotEntry.initialize(repeating: -1, count: count)
        slotMask = count - 1
        for e in 0..<entryCount { place(e, hash: entryHash[e]) }
    }

    private func growEntries() {
        let capacity = entryCapacity * 2
        func grown<T>(_ old: UnsafeMutablePointer<T>, _ used: Int, _ newCount: Int) -> UnsafeMutablePointer<T> {
            let fresh = UnsafeMutablePointer<T>.allocate(capacity: newCount)
            fresh.moveInitialize(from: old, count: used)
            old.deallocate()
            return fresh
        }
        let stride = max(1, activeCount)
        entryKeys = grown(entryKeys, entryCount * activeCount, capacity * stride)
        entryHash = grown(entryHash, entryCount, capacity)
        entryHead = grown(entryHead, entryCount, capacity)
        entryPrecedence = grown(entryPrecedence, entryCount, capacity)
        entryCapacity = capacity
    }
}
