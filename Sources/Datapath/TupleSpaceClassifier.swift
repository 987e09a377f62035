/// Wildcard classification by tuple space search: rules grouped into hash tables by mask
/// (``Subtable``s), visited in the order of the best rule each holds, stopping as soon as the
/// best rule found beats every rule in the subtables left (Open vSwitch's priority-sorted
/// subtables).
///
/// Tuple merging cuts the number of subtables a lookup probes: a rule goes into an existing
/// subtable whose mask is a part of its own (its entry then lists the rule, which is checked
/// against its own mask) while that entry holds fewer than ``mergedEntryLimit`` rules; otherwise
/// into a subtable of its relaxed mask (``ClassifierKey/relaxedMask``), or of its own mask. Every
/// rule lives in one subtable whose mask its own contains, so a key that matches the rule finds
/// its entry: the answer never depends on where rules went, only the speed does.
///
/// The result is the matching rule of lowest ``RulePrecedence``; it depends only on the set of
/// rules, never on the order they were inserted in. Rules are named by handles their owner
/// chooses (dense small integers: the handle indexes internal arrays). `generation` changes on
/// every insert or remove, so caches of lookups (``ExactMatchCache``) know when to forget.
///
/// A reference type with manually managed tables, owned and used by one thread.
public final class TupleSpaceClassifier {
    /// The most rules an entry of a merged subtable (one whose mask is less than its rules')
    /// takes; a rule that would make it longer goes to a more specific subtable.
    public static let mergedEntryLimit = 8

    /// Whether rules may share subtables with rules of other masks.
    public let merging: Bool
    /// Subtables by best precedence (best first).
    private var ordered: [Subtable] = []
    private var byMask: [ClassifierKey: Subtable] = [:]
    /// Per handle, one 64-byte record the lookup reads without checks: the precedence; the next
    /// rule of the same entry (by precedence, low 32 bits), the words to check beyond the
    /// subtable's mask (a bit per word, bits 32-47; none when the masks agree) and whether they
    /// are more than fit here (bit 48); then (mask, value) of up to three checked words.
    private var capacity = 0
    private var records: UnsafeMutablePointer<UInt64>
    private static let recordStride = 8
    private static let inlineChecks = 3
    /// Masks and values (16 words each) of rules with more checked words than a record holds.
    private var overflowChecks: [Int: [UInt64]] = [:]
    /// Per handle: subtable and entry (changes only).
    private var subtableOf: [Subtable?] = []
    private var entryOf: [Int32] = []

    /// The number of rules held.
    public private(set) var count = 0
    /// Changes whenever the rules change.
    public private(set) var generation: UInt64 = 0

    /// An empty classifier; `merging` false keeps one subtable per distinct mask (plain tuple
    /// space search).
    public init(merging: Bool = true) {
        self.merging = merging
        records = .allocate(capacity: Self.recordStride)
    }

    deinit { records.deallocate() }

    @inline(__always) private func record(_ h: Int) -> UnsafeMutablePointer<UInt64> { records + h &* Self.recordStride }
    @inline(__always) private func precedenceOf(_ h: Int) -> UInt64 { record(h)[0] }
    /// Copies rule `h`'s check block into its entry (it became the entry's best rule).
    private func copyChecks(of h: Int, to table: Subtable, _ e: Int) {
        let block = table.headChecks(e)
        block.update(from: record(h) + 1, count: Subtable.checkBlockWords)
        block[0] &= 0xFFFF_FFFF_0000_0000
    }

    @inline(__always) private func nextOf(_ h: Int) -> Int32 { Int32(truncatingIfNeeded: record(h)[1]) }
    @inline(__always) private func setNext(_ h: Int, _ next: Int32) {
        let r = record(h)
        r[1] = (r[1] & 0xFFFF_FFFF_0000_0000) | UInt64(UInt32(bitPattern: next))
    }

    /// The number of subtables.
    public var subtableCount: Int { ordered.count }

    /// True when `handle` holds a rule.
    public func contains(_ handle: ClassifierRuleHandle) -> Bool {
        handle.index >= 0 && handle.index < subtableOf.count && subtableOf[handle.index] != nil
    }

    /// The precedence `handle` was inserted with.
    public func precedence(of handle: ClassifierRuleHandle) -> RulePrecedence? {
        contains(handle) ? RulePrecedence(rawValue: precedenceOf(handle.index)) : nil
    }

    // MARK: Changes

    /// Adds a rule. `handle` must not hold a rule already.
    public func insert(_ match: ClassifierMatch, precedence: RulePrecedence, handle: ClassifierRuleHandle) {
        let h = handle.index
        precondition(h >= 0, "negative classifier handle")
        reserve(h + 1)
        precondition(subtableOf[h] == nil, "classifier handle \(h) already holds a rule")
        let table = subtable(for: match)
        var check: UInt16 = 0
        for i in 0..<ClassifierKey.wordCount where table.mask[i] != match.mask[i] { check |= 1 << UInt16(i) }
        let r = record(h)
        r[1] = UInt64(check) << 32 | UInt64(UInt32(bitPattern: -1))
        if check.nonzeroBitCount > Self.inlineChecks {
            r[1] |= 1 << 48
            overflowChecks[h] = (0..<ClassifierKey.wordCount).map { match.mask[$0] } + (0..<ClassifierKey.wordCount).map { match.value[$0] }
        } else {
            var j = 2
            for i in 0..<ClassifierKey.wordCount where check & (1 << UInt16(i)) != 0 {
                r[j] = match.mask[i]
                r[j + 1] = match.value[i]
                j += 2
            }
        }
        let p = precedence.rawValue
        let e = match.value.withWords { words -> Int in
            let hash = table.hash(words)
            let found = table.find(words, hash: hash)
            return found >= 0 ? found : table.addEntry(words, hash: hash)
        }
        r[0] = p
        subtableOf[h] = table
        entryOf[h] = Int32(e)
        // Keep the entry's rules sorted by precedence (then handle, for equal precedences).
        var previous: Int32 = -1
        var cursor = table.head(e)
        while cursor >= 0 && (precedenceOf(Int(cursor)), cursor) < (p, Int32(h)) {
            previous = cursor
            cursor = nextOf(Int(cursor))
        }
        setNext(h, cursor)
        if previous < 0 {
            table.setHead(e, Int32(h))
            table.setPrecedence(e, p)
            copyChecks(of: h, to: table, e)
        } else {
            setNext(Int(previous), Int32(h))
        }
        table.setSize(e, table.size(e) + 1)
        table.ruleCount += 1
        count += 1
        generation &+= 1
        if p < table.best {
            table.best = p
            reorder()
        }
    }

    /// The subtable a new rule goes to (created when needed).
    private func subtable(for match: ClassifierMatch) -> Subtable {
        if let exact = byMask[match.mask], !merging || ordered.count == 1 { return exact }
        if merging {
            // The most specific subtable whose mask the rule's contains and whose entry for the
            // rule has room.
            var chosen: Subtable?
            var chosenBits = -1
            for table in ordered where table.mask.isSubmask(of: match.mask) {
                if table.mask == match.mask { return table }
                let size = match.value.withWords { words -> Int32 in
                    let e = table.find(words, hash: table.hash(words))
                    return e >= 0 ? table.size(e) : 0
                }
                guard size < Int32(Self.mergedEntryLimit) else { continue }
                let bits = table.maskBits
                if bits > chosenBits {
                    chosen = table
                    chosenBits = bits
                }
            }
            if let chosen { return chosen }
            let relaxed = match.mask.relaxedMask
            if byMask[relaxed] == nil { return makeSubtable(relaxed) }
        }
        return byMask[match.mask] ?? makeSubtable(match.mask)
    }

    private func makeSubtable(_ mask: ClassifierKey) -> Subtable {
        let table = Subtable(mask: mask)
        byMask[mask] = table
        ordered.append(table)
        return table
    }

    private func reserve(_ needed: Int) {
        guard needed > subtableOf.count else { return }
        let grow = needed - subtableOf.count
        subtableOf.append(contentsOf: repeatElement(nil, count: grow))
        entryOf.append(contentsOf: repeatElement(-1, count: grow))
        guard needed > capacity else { return }
        let fresh = max(needed, capacity * 2, 64)
        let grown = UnsafeMutablePointer<UInt64>.allocate(capacity: fresh * Self.recordStride)
        grown.moveInitialize(from: records, count: capacity * Self.recordStride)
        (grown + capacity * Self.recordStride).initialize(repeating: 0, count: (fresh - capacity) * Self.recordStride)
        records.deallocate()
        records = grown
        capacity = fresh
    }

    /// Removes the rule `handle` holds; false when it holds none.
    @discardableResult
    public func remove(_ handle: ClassifierRuleHandle) -> Bool {
        guard contains(handle) else { return false }
        let h = handle.index
        let table = subtableOf[h]!
        let e = Int(entryOf[h])
        let p = precedenceOf(h)
        table.setSize(e, table.size(e) - 1)
        if table.head(e) == Int32(h) {
            let next = nextOf(h)
            table.setHead(e, next)
            table.setPrecedence(e, next >= 0 ? precedenceOf(Int(next)) : .max)
            if next >= 0 { copyChecks(of: Int(next), to: table, e) }
            if next < 0, table.removeEntry(e) != nil {
                // The subtable's last entry moved into `e`: its rules learn their new entry.
                var cursor = table.head(e)
                while cursor >= 0 {
                    entryOf[Int(cursor)] = Int32(e)
                    cursor = nextOf(Int(cursor))
                }
            }
        } else {
            var cursor = table.head(e)
            while nextOf(Int(cursor)) != Int32(h) { cursor = nextOf(Int(cursor)) }
            setNext(Int(cursor), nextOf(h))
        }
        subtableOf[h] = nil
        entryOf[h] = -1
        record(h).initialize(repeating: 0, count: Self.recordStride)
        record(h)[0] = .max
        overflowChecks[h] = nil
        table.ruleCount -= 1
        count -= 1
        generation &+= 1
        if table.ruleCount == 0 {
            byMask[table.mask] = nil
            ordered.removeAll { $0 === table }
        } else if p == table.best {
            table.recomputeBest()
            reorder()
        }
        return true
    }

    /// Removes every rule.
    public func removeAll() {
        for h in 0..<subtableOf.count where subtableOf[h] != nil { remove(ClassifierRuleHandle(h)) }
        generation &+= 1
    }

    private func reorder() {
        ordered.sort { $0.best < $1.best }
    }

    // MARK: Lookup

    /// The best rule matching `key`, or ``ClassifierRuleHandle/none``.
    public func lookup(_ key: ClassifierKey) -> ClassifierRuleHandle {
        key.withWords { lookup(words: $0, after: 0) }
    }

    /// The best rule matching `key` among those whose precedence is worse than `bound` (the
    /// next rule after one that declined the frame), or ``ClassifierRuleHandle/none``.
    public func lookup(_ key: ClassifierKey, after bound: RulePrecedence) -> ClassifierRuleHandle {
        key.withWords { lookup(words: $0, after: bound.rawValue &+ 1) }
    }

    /// True when rule `h` matches `key` on the words its subtable's mask leaves out.
    @inline(__always)
    private func checks(_ h: Int, _ key: UnsafePointer<UInt64>) -> Bool {
        checks(block: record(h) + 1, h, key)
    }

    /// Whether `key` passes a check block (a rule record's, or the copy its entry holds):
    /// flags in word 0 (checked words in bits 32-47, bit 48 when they are in
    /// `overflowChecks`), then (mask, value) pairs in the order of the checked words.
    @inline(__always)
    private func checks(block: UnsafePointer<UInt64>, _ h: Int, _ key: UnsafePointer<UInt64>) -> Bool {
        var bits = UInt16(truncatingIfNeeded: block[0] >> 32)
        guard bits != 0 else { return true }
        var difference: UInt64 = 0
        if block[0] & (1 << 48) != 0 {
            let words = overflowChecks[h]!
            while bits != 0 {
                let w = bits.trailingZeroBitCount
                difference |= (key[w] & words[w]) ^ words[ClassifierKey.wordCount + w]
                bits &= bits &- 1
            }
            return difference == 0
        }
        var j = 1
        while bits != 0 {
            let w = bits.trailingZeroBitCount
            difference |= (key[w] & block[j]) ^ block[j &+ 1]
            j &+= 2
            bits &= bits &- 1
        }
        return difference == 0
    }

    /// The first rule of entry `e`'s list (by precedence) that is at least `floor`, better than
    /// `better`, and matches `key`; -1 when none.
    @inline(__always)
    private func firstMatch(_ table: Subtable, _ e: Int, _ key: UnsafePointer<UInt64>, floor: UInt64, better: UInt64) -> Int32 {
        // The best rule from the entry's own copy; the rest (rare: entries of several rules) from
        // their records.
        let head = table.head(e)
        let first = table.precedence(e)
        if first >= better { return -1 }
        if first >= floor && checks(block: table.headChecks(e), Int(head), key) { return head }
        var h = nextOf(Int(head))
        while h >= 0 {
            let p = precedenceOf(Int(h))
            if p >= better { return -1 }
            if p >= floor && checks(Int(h), key) { return h }
            h = nextOf(Int(h))
        }
        return -1
    }

    /// The best rule for the 16 words at `words` whose precedence is at least `floor`.
    private func lookup(words: UnsafePointer<UInt64>, after floor: UInt64) -> ClassifierRuleHandle {
        var bestPrecedence = UInt64.max
        var bestHandle: Int32 = -1
        ordered.withUnsafeBufferPointer { tables in
            for table in tables {
                if table.best >= bestPrecedence { break }
                let hash = table.hash(words)
                guard table.mayHold(hash: hash) else { continue }
                let e = table.find(words, hash: hash)
                guard e >= 0 else { continue }
                let h = firstMatch(table, e, words, floor: floor, better: bestPrecedence)
                if h >= 0 {
                    bestPrecedence = h == table.head(e) ? table.precedence(e) : precedenceOf(Int(h))
                    bestHandle = h
                }
            }
        }
        return ClassifierRuleHandle(rawValue: bestHandle)
    }

    /// Classifies `count` keys at once: `keys` holds them back to back (16 words each), the best
    /// rule of key i goes to `results[i]`.
    ///
    /// Each subtable is searched for the whole batch before the next, in passes: every key's hash
    /// and fingerprint group (no branch depends on the table's contents, so the CPU overlaps the
    /// keys), collecting the few keys the subtable may hold; then those keys' slots; then their
    /// entries and rules. Each pass's loads are independent of each other, so their cache misses
    /// overlap instead of following one another key by key.
    public func lookup(batch keys: UnsafePointer<UInt64>, count n: Int, results: UnsafeMutablePointer<ClassifierRuleHandle>) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, 2 * n)) { scratch in
            let best = scratch.baseAddress!, hashes = best + n
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, 2 * n)) { candidates in
                let candidate = candidates.baseAddress!, entries = candidate + n
                for i in 0..<n {
                    best[i] = .max
                    results[i] = .none
                }
                ordered.withUnsafeBufferPointer { tables in
                    for table in tables {
                        let floor = table.best
                        var found = 0
                        for i in 0..<n where best[i] > floor {
                            let h = table.hash(keys + i &* ClassifierKey.wordCount)
                            hashes[i] = h
                            candidate[found] = Int32(truncatingIfNeeded: i)
                            found &+= table.mayHold(hash: h) ? 1 : 0
                        }
                        // The candidates' entries first (independent loads), then their keys and rules.
                        for c in 0..<found {
                            entries[c] = Int32(truncatingIfNeeded: table.candidate(hash: hashes[Int(candidate[c])]))
                        }
                        for c in 0..<found {
                            let i = Int(candidate[c])
                            let key = keys + i &* ClassifierKey.wordCount
                            var e = Int(entries[c])
                            if e >= 0, !table.entryEquals(e, key) { e = table.find(key, hash: hashes[i]) }
                            guard e >= 0 else { continue }
                            let h = firstMatch(table, e, key, floor: 0, better: best[i])
                            if h >= 0 {
                                best[i] = h == table.head(e) ? table.precedence(e) : precedenceOf(Int(h))
                                results[i] = ClassifierRuleHandle(rawValue: h)
                            }
                        }
                    }
                }
            }
        }
    }
}
