/// Wildcard classification by tuple space search: one hash table per distinct mask
/// (``Subtable``), visited in the order of the best rule each holds, stopping as soon as the best
/// rule found beats every rule in the subtables left (Open vSwitch's priority-sorted subtables).
///
/// The result is the matching rule of lowest ``RulePrecedence``; it depends only on the set of
/// rules, never on the order they were inserted in. Rules are named by handles their owner
/// chooses (dense small integers: the handle indexes internal arrays). `generation` changes on
/// every insert or remove, so caches of lookups (``ExactMatchCache``) know when to forget.
///
/// A reference type with manually managed tables, owned and used by one thread.
public final class TupleSpaceClassifier {
    /// Subtables by best precedence (best first).
    private var ordered: [Subtable] = []
    private var byMask: [ClassifierKey: Subtable] = [:]
    /// Per handle: precedence, next rule of the same entry (by precedence), subtable and entry.
    private var precedenceOf: [UInt64] = []
    private var nextOf: [Int32] = []
    private var subtableOf: [Subtable?] = []
    private var entryOf: [Int32] = []

    /// The number of rules held.
    public private(set) var count = 0
    /// Changes whenever the rules change.
    public private(set) var generation: UInt64 = 0

    public init() {}

    /// The number of distinct masks (subtables).
    public var subtableCount: Int { ordered.count }

    /// True when `handle` holds a rule.
    public func contains(_ handle: ClassifierRuleHandle) -> Bool {
        handle.index >= 0 && handle.index < subtableOf.count && subtableOf[handle.index] != nil
    }

    /// The precedence `handle` was inserted with.
    public func precedence(of handle: ClassifierRuleHandle) -> RulePrecedence? {
        contains(handle) ? RulePrecedence(rawValue: precedenceOf[handle.index]) : nil
    }

    // MARK: Changes

    /// Adds a rule. `handle` must not hold a rule already.
    public func insert(_ match: ClassifierMatch, precedence: RulePrecedence, handle: ClassifierRuleHandle) {
        let h = handle.index
        precondition(h >= 0, "negative classifier handle")
        if h >= subtableOf.count {
            let grow = h + 1 - subtableOf.count
            precedenceOf.append(contentsOf: repeatElement(.max, count: grow))
            nextOf.append(contentsOf: repeatElement(-1, count: grow))
            subtableOf.append(contentsOf: repeatElement(nil, count: grow))
            entryOf.append(contentsOf: repeatElement(-1, count: grow))
        }
        precondition(subtableOf[h] == nil, "classifier handle \(h) already holds a rule")
        let table: Subtable
        if let existing = byMask[match.mask] {
            table = existing
        } else {
            table = Subtable(mask: match.mask)
            byMask[match.mask] = table
            ordered.append(table)
        }
        let p = precedence.rawValue
        let e = match.value.withWords { words -> Int in
            let hash = table.hash(words)
            let found = table.find(words, hash: hash)
            return found >= 0 ? found : table.addEntry(words, hash: hash)
        }
        precedenceOf[h] = p
        subtableOf[h] = table
        entryOf[h] = Int32(e)
        // Keep the entry's rules sorted by precedence (then handle, for equal precedences).
        var previous: Int32 = -1
        var cursor = table.entryHead[e]
        while cursor >= 0 && (precedenceOf[Int(cursor)], cursor) < (p, Int32(h)) {
            previous = cursor
            cursor = nextOf[Int(cursor)]
        }
        nextOf[h] = cursor
        if previous < 0 {
            table.entryHead[e] = Int32(h)
            table.entryPrecedence[e] = p
        } else {
            nextOf[Int(previous)] = Int32(h)
        }
        table.ruleCount += 1
        count += 1
        generation &+= 1
        if p < table.best {
            table.best = p
            reorder()
        }
    }

    /// Removes the rule `handle` holds; false when it holds none.
    @discardableResult
    public func remove(_ handle: ClassifierRuleHandle) -> Bool {
        guard contains(handle) else { return false }
        let h = handle.index
        let table = subtableOf[h]!
        let e = Int(entryOf[h])
        let p = precedenceOf[h]
        // Unlink from the entry's list.
        if table.entryHead[e] == Int32(h) {
            let next = nextOf[h]
            table.entryHead[e] = next
            table.entryPrecedence[e] = next >= 0 ? precedenceOf[Int(next)] : .max
            if next < 0, let moved = table.removeEntry(e) {
                var cursor = table.entryHead[e]
                while cursor >= 0 {
                    entryOf[Int(cursor)] = Int32(e)
                    cursor = nextOf[Int(cursor)]
                }
                _ = moved
            }
        } else {
            var cursor = table.entryHead[e]
            while nextOf[Int(cursor)] != Int32(h) { cursor = nextOf[Int(cursor)] }
            nextOf[Int(cursor)] = nextOf[h]
        }
        subtableOf[h] = nil
        entryOf[h] = -1
        nextOf[h] = -1
        precedenceOf[h] = .max
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
        ordered = []
        byMask = [:]
        precedenceOf = []
        nextOf = []
        subtableOf = []
        entryOf = []
        count = 0
        generation &+= 1
    }

    private func reorder() {
        ordered.sort { $0.best < $1.best }
    }

    // MARK: Lookup

    /// The best rule matching `key`, or ``ClassifierRuleHandle/none``.
    @inlinable
    public func lookup(_ key: ClassifierKey) -> ClassifierRuleHandle {
        key.withWords { lookup(words: $0, after: nil) }
    }

    /// The best rule matching `key` among those whose precedence is worse than `bound` (the
    /// next rule after one that declined the frame), or ``ClassifierRuleHandle/none``.
    @inlinable
    public func lookup(_ key: ClassifierKey, after bound: RulePrecedence) -> ClassifierRuleHandle {
        key.withWords { lookup(words: $0, after: bound) }
    }

    @usableFromInline
    func lookup(words: UnsafePointer<UInt64>, after bound: RulePrecedence?) -> ClassifierRuleHandle {
        var bestPrecedence = UInt64.max
        var bestHandle: Int32 = -1
        ordered.withUnsafeBufferPointer { tables in
            for table in tables {
                if table.best >= bestPrecedence { break }
                let e = table.find(words, hash: table.hash(words))
                guard e >= 0 else { continue }
                var candidate = table.entryHead[e]
                var p = table.entryPrecedence[e]
                if let bound {
                    while candidate >= 0 && precedenceOf[Int(candidate)] <= bound.rawValue { candidate = nextOf[Int(candidate)] }
                    guard candidate >= 0 else { continue }
                    p = precedenceOf[Int(candidate)]
                }
                if p < bestPrecedence {
                    bestPrecedence = p
                    bestHandle = candidate
                }
            }
        }
        return ClassifierRuleHandle(rawValue: bestHandle)
    }

    /// Classifies `count` keys at once: `keys` holds them back to back (16 words each), the best
    /// rule of key i goes to `results[i]`. Each subtable is searched for the whole batch before
    /// the next (its table stays in cache, and the independent probes overlap in the CPU).
    public func lookup(batch keys: UnsafePointer<UInt64>, count n: Int, results: UnsafeMutablePointer<ClassifierRuleHandle>) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, n)) { best in
            for i in 0..<n {
                best[i] = .max
                results[i] = .none
            }
            ordered.withUnsafeBufferPointer { tables in
                for table in tables {
                    let floor = table.best
                    let heads = table.entryHead, precedences = table.entryPrecedence
                    for i in 0..<n where best[i] > floor {
                        let key = keys + i &* ClassifierKey.wordCount
                        let e = table.find(key, hash: table.hash(key))
                        if e >= 0, precedences[e] < best[i] {
                            best[i] = precedences[e]
                            results[i] = ClassifierRuleHandle(rawValue: heads[e])
                        }
                    }
                }
            }
        }
    }
}
