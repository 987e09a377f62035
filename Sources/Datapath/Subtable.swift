/// The rules of a classifier that share one mask: an open-addressing hash table from the masked
/// key to an entry, each entry holding the rules with that masked value (best first).
///
/// Slots hold a 16-bit fingerprint of the hash (0: empty) and come in groups of 8 (16 bytes). A
/// key's probe starts at the first slot of its home group and runs on slot by slot (linear
/// probing, at most half full, deletion by shifting back), so a key is in its home group or, only
/// when that group is full, in the groups after it. A lookup therefore first compares the key's
/// fingerprint with all 8 fingerprints of the group at once (SWAR arithmetic on two words)
/// without a branch per slot; only a fingerprint match or a full group leads on to the entries.
/// Most keys miss most subtables, so most probes are a hash, two loads and a few ALU operations.
///
/// Only the words the mask uses are hashed, compared and stored (a compiled rule uses 3-6 of the
/// key's 16 words). Storage is manual (unsafe pointers, freed in `deinit`) so that the lookup
/// loop runs without bounds checks or reference counting; the type is internal and used by one
/// classifier at a time.
final class Subtable {
    let mask: ClassifierKey
    /// How many words the mask uses, which they are, and their masks.
    let activeCount: Int
    let activeIndex: UnsafeMutablePointer<Int>
    let activeMask: UnsafeMutablePointer<UInt64>

    /// Slots (8 per group, a power of two of groups): fingerprint (0: empty) and entry index.
    private(set) var groupMask: Int
    private(set) var slotMask: Int
    private(set) var fingerprints: UnsafeMutablePointer<UInt16>
    private(set) var slotEntry: UnsafeMutablePointer<Int32>

    /// Entries, dense, one record each so that a lookup that reaches an entry reads adjacent
    /// words: the masked key words (`activeCount`), then the best rule (low 32 bits) and the
    /// number of rules (high 32 bits), the best rule's precedence, the full hash, and a copy of
    /// the best rule's check block (``headChecks(_:)``), so that the common entry of one rule
    /// is decided without reading the rule's own record.
    private(set) var entryCapacity: Int
    private(set) var entryCount = 0
    let entryStride: Int
    private(set) var entries: UnsafeMutablePointer<UInt64>

    /// The best precedence of any rule here (`UInt64.max` when empty): the classifier visits
    /// subtables in this order and stops once a found rule beats every rule left.
    var best: UInt64 = .max
    /// The number of rules (an entry holds one or more).
    var ruleCount = 0
    /// The number of mask bits (more bits: a more specific subtable).
    let maskBits: Int

    init(mask: ClassifierKey) {
        self.mask = mask
        var words: [Int] = []
        for i in 0..<ClassifierKey.wordCount where mask[i] != 0 { words.append(i) }
        activeCount = words.count
        maskBits = words.reduce(0) { $0 + mask[$1].nonzeroBitCount }
        activeIndex = .allocate(capacity: max(1, words.count))
        activeMask = .allocate(capacity: max(1, words.count))
        for (j, i) in words.enumerated() {
            activeIndex[j] = i
            activeMask[j] = mask[i]
        }
        groupMask = 0
        slotMask = 7
        fingerprints = Self.allocateFingerprints(8)
        slotEntry = .allocate(capacity: 8)
        slotEntry.initialize(repeating: -1, count: 8)
        entryCapacity = 4
        entryStride = words.count + 3 + Self.checkBlockWords
        entries = .allocate(capacity: 4 * entryStride)
    }

    deinit {
        activeIndex.deallocate()
        activeMask.deallocate()
        UnsafeMutableRawPointer(fingerprints).deallocate()
        slotEntry.deallocate()
        entries.deallocate()
    }

    // MARK: Entry records

    @inline(__always) func record(_ e: Int) -> UnsafeMutablePointer<UInt64> { entries + e &* entryStride }
    /// The entry's best rule (-1: none).
    @inline(__always) func head(_ e: Int) -> Int32 { Int32(truncatingIfNeeded: record(e)[activeCount]) }
    @inline(__always) func setHead(_ e: Int, _ h: Int32) {
        let r = record(e)
        r[activeCount] = (r[activeCount] & 0xFFFF_FFFF_0000_0000) | UInt64(UInt32(bitPattern: h))
    }
    /// The number of rules in the entry.
    @inline(__always) func size(_ e: Int) -> Int32 { Int32(truncatingIfNeeded: record(e)[activeCount] >> 32) }
    @inline(__always) func setSize(_ e: Int, _ n: Int32) {
        let r = record(e)
        r[activeCount] = (r[activeCount] & 0xFFFF_FFFF) | UInt64(UInt32(bitPattern: n)) << 32
    }
    /// The precedence of the entry's best rule.
    @inline(__always) func precedence(_ e: Int) -> UInt64 { record(e)[activeCount &+ 1] }
    @inline(__always) func setPrecedence(_ e: Int, _ p: UInt64) { record(e)[activeCount &+ 1] = p }
    @inline(__always) func entryHash(_ e: Int) -> UInt64 { record(e)[activeCount &+ 2] }
    /// Words of a check block: flags (bits 32-47: checked words; bit 48: more than fit) and
    /// three (mask, value) pairs.
    static let checkBlockWords = 7
    /// The best rule's check block (see `TupleSpaceClassifier`).
    @inline(__always) func headChecks(_ e: Int) -> UnsafeMutablePointer<UInt64> { record(e) + (activeCount &+ 3) }

    // MARK: Lookup

    /// The hash of `key`'s masked words: each word multiplied on its own (the products do not
    /// wait for each other), folded, then mixed (splitmix64's finaliser) so that the group bits
    /// (low) and the fingerprint bits (high) depend on every word.
    @inline(__always)
    func hash(_ key: UnsafePointer<UInt64>) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for j in 0..<activeCount {
            let product = (key[activeIndex[j]] & activeMask[j]) &* 0x9E37_79B9_7F4A_7C15
            h ^= (product << UInt64(j &* 23 & 63)) | (product >> UInt64((64 &- j &* 23) & 63))
        }
        h ^= h >> 30
        h &*= 0xBF58_476D_1CE4_E5B9
        h ^= h >> 27
        h &*= 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        return h
    }

    @inline(__always)
    static func fingerprint(_ hash: UInt64) -> UInt16 {
        let f = UInt16(truncatingIfNeeded: hash >> 48)
        return f == 0 ? 1 : f
    }

    /// Lanes (the top bit of each 16-bit lane) where `word` is zero. Exact in whether any lane
    /// is zero (a lane can be reported falsely only above a lane that truly is).
    @inline(__always)
    static func zeroLanes(_ word: UInt64) -> UInt64 {
        (word &- 0x0001_0001_0001_0001) & ~word & 0x8000_8000_8000_8000
    }

    /// True when the key with hash `h` may be in this subtable: its home group holds its
    /// fingerprint, or is full (the key may lie further on). False means certainly absent.
    @inline(__always)
    func mayHold(hash h: UInt64) -> Bool {
        let group = UnsafeRawPointer(fingerprints) + (Int(truncatingIfNeeded: h) & groupMask) &<< 4
        let a = group.load(as: UInt64.self), b = group.load(fromByteOffset: 8, as: UInt64.self)
        let pattern = UInt64(Self.fingerprint(h)) &* 0x0001_0001_0001_0001
        let found = Self.zeroLanes(a ^ pattern) | Self.zeroLanes(b ^ pattern)
        let empty = Self.zeroLanes(a) | Self.zeroLanes(b)
        return found != 0 || empty == 0
    }

    /// The first slot of the home group of a hash.
    @inline(__always)
    func home(_ h: UInt64) -> Int { (Int(truncatingIfNeeded: h) & groupMask) &<< 3 }

    /// The entry whose masked value `key` has, or -1.
    @inline(__always)
    func find(_ key: UnsafePointer<UInt64>, hash h: UInt64) -> Int {
        let fp = Self.fingerprint(h)
        let fps = fingerprints, slots = slotEntry, m = slotMask
        var slot = home(h)
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

    /// The entry of the first slot on the key's probe path whose fingerprint agrees, or -1: the
    /// entry `find` returns unless a fingerprint collides (then `entryEquals` says no and `find`
    /// decides). Reads no entry, so that the batch lookup can fetch many keys' entries at once.
    @inline(__always)
    func candidate(hash h: UInt64) -> Int {
        let fp = Self.fingerprint(h)
        let fps = fingerprints, m = slotMask
        var slot = home(h)
        while true {
            let f = fps[slot]
            if f == fp { return Int(slotEntry[slot]) }
            if f == 0 { return -1 }
            slot = (slot &+ 1) & m
        }
    }

    @inline(__always)
    func entryEquals(_ e: Int, _ key: UnsafePointer<UInt64>) -> Bool {
        let stored = record(e)
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
        let stored = record(e)
        for j in 0..<activeCount { stored[j] = key[activeIndex[j]] & activeMask[j] }
        stored[activeCount] = UInt64(UInt32(bitPattern: -1))
        stored[activeCount + 1] = .max
        stored[activeCount + 2] = h
        (stored + activeCount + 3).initialize(repeating: 0, count: Self.checkBlockWords)
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
        var slot = home(entryHash(last))
        while slotEntry[slot] != Int32(last) { slot = (slot + 1) & m }
        slotEntry[slot] = Int32(e)
        record(e).update(from: record(last), count: entryStride)
        return last
    }

    /// Recomputes `best` from the entries (after the best rule left).
    func recomputeBest() {
        var b = UInt64.max
        for e in 0..<entryCount where precedence(e) < b { b = precedence(e) }
        best = b
    }

    private func place(_ e: Int, hash h: UInt64) {
        let m = slotMask
        var slot = home(h)
        while fingerprints[slot] != 0 { slot = (slot + 1) & m }
        fingerprints[slot] = Self.fingerprint(h)
        slotEntry[slot] = Int32(e)
    }

    /// Empties entry `e`'s slot, shifting later slots of the probe run back (no tombstones).
    private func unplace(_ e: Int) {
        let m = slotMask
        var hole = home(entryHash(e))
        while slotEntry[hole] != Int32(e) { hole = (hole + 1) & m }
        var next = (hole + 1) & m
        while fingerprints[next] != 0 {
            let start = home(entryHash(Int(slotEntry[next])))
            // The slot at `next` may move into the hole unless its home lies cyclically in (hole, next].
            let stays = hole <= next ? (start > hole && start <= next) : (start > hole || start <= next)
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
        UnsafeMutableRawPointer(fingerprints).deallocate()
        slotEntry.deallocate()
        fingerprints = Self.allocateFingerprints(count)
        slotEntry = .allocate(capacity: count)
        slotEntry.initialize(repeating: -1, count: count)
        slotMask = count - 1
        groupMask = count / 8 - 1
        for e in 0..<entryCount { place(e, hash: entryHash(e)) }
    }

    /// Zeroed fingerprints, 16-byte aligned (groups are read as two words).
    private static func allocateFingerprints(_ count: Int) -> UnsafeMutablePointer<UInt16> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * 2, alignment: 16)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: count * 2)
        return raw.bindMemory(to: UInt16.self, capacity: count)
    }

    private func growEntries() {
        let capacity = entryCapacity * 2
        let fresh = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity * entryStride)
        fresh.moveInitialize(from: entries, count: entryCount * entryStride)
        entries.deallocate()
        entries = fresh
        entryCapacity = capacity
    }
}
