/// A cache in front of the classifier: full keys (every word, no wildcards) to the rule the
/// classifier returned, two-way set associative. An entry is valid only for the classifier
/// generation it was filled in, so any rule change empties the cache at no cost (Open vSwitch's
/// EMC, with generation-based invalidation instead of a flush).
///
/// Manual storage like ``Subtable``; owned by one datapath.
public final class ExactMatchCache {
    /// Number of entries (a power of two).
    public let capacity: Int
    private let keys: UnsafeMutablePointer<UInt64>
    private let hashes: UnsafeMutablePointer<UInt64>
    private let handles: UnsafeMutablePointer<Int32>
    private let generations: UnsafeMutablePointer<UInt64>

    /// A cache of `capacity` entries (rounded up to a power of two, at least 2).
    public init(capacity: Int = 4096) {
        var size = 2
        while size < capacity { size *= 2 }
        self.capacity = size
        keys = .allocate(capacity: size * ClassifierKey.wordCount)
        keys.initialize(repeating: 0, count: size * ClassifierKey.wordCount)
        hashes = .allocate(capacity: size)
        hashes.initialize(repeating: 0, count: size)
        handles = .allocate(capacity: size)
        handles.initialize(repeating: -1, count: size)
        generations = .allocate(capacity: size)
        // Generation 0 never matches: classifiers start at 0 but bump it with the first rule,
        // and entries are filled with generation + 1 (see `insert`).
        generations.initialize(repeating: 0, count: size)
    }

    deinit {
        keys.deallocate()
        hashes.deallocate()
        handles.deallocate()
        generations.deallocate()
    }

    /// The hash a key is cached under.
    @inline(__always)
    public static func hash(_ key: ClassifierKey) -> UInt64 {
        key.withWords { w in
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15
            for i in 0..<ClassifierKey.wordCount {
                h = (h ^ w[i]) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 32
            }
            return h
        }
    }

    @inline(__always)
    private func ways(_ hash: UInt64) -> (Int, Int) {
        let m = capacity - 1
        return (Int(truncatingIfNeeded: hash) & m, Int(truncatingIfNeeded: hash >> 40) & m)
    }

    @inline(__always)
    private func holds(_ slot: Int, _ key: ClassifierKey, _ hash: UInt64, _ generation: UInt64) -> Bool {
        guard generations[slot] == generation &+ 1, hashes[slot] == hash else { return false }
        return key.withWords { w in
            let stored = keys + slot * ClassifierKey.wordCount
            var difference: UInt64 = 0
            for i in 0..<ClassifierKey.wordCount { difference |= stored[i] ^ w[i] }
            return difference == 0
        }
    }

    /// The cached result for `key` (a rule, or ``ClassifierRuleHandle/none`` for a cached miss)
    /// if it was cached in classifier generation `generation`; nil when not cached.
    @inline(__always)
    public func lookup(_ key: ClassifierKey, hash: UInt64, generation: UInt64) -> ClassifierRuleHandle? {
        let (a, b) = ways(hash)
        if holds(a, key, hash, generation) { return ClassifierRuleHandle(rawValue: handles[a]) }
        if holds(b, key, hash, generation) { return ClassifierRuleHandle(rawValue: handles[b]) }
        return nil
    }

    /// Caches `handle` for `key` in classifier generation `generation`, replacing a stale entry
    /// of the two ways if there is one, else the second way.
    @inline(__always)
    public func insert(_ key: ClassifierKey, hash: UInt64, generation: UInt64, handle: ClassifierRuleHandle) {
        let (a, b) = ways(hash)
        let slot = generations[a] != generation &+ 1 ? a : b
        generations[slot] = generation &+ 1
        hashes[slot] = hash
        handles[slot] = handle.rawValue
        key.withWords { w in (keys + slot * ClassifierKey.wordCount).update(from: w, count: ClassifierKey.wordCount) }
    }
}
