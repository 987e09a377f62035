/// A cache in front of the classifier: full keys (every word, no wildcards) to the rule the
/// classifier returned, two-way set associative. An entry is valid only for the classifier
/// generation it was filled in, so any rule change empties the cache at no cost (Open vSwitch's
/// EMC, with generation-based invalidation instead of a flush).
///
/// Each entry is one 64-byte cache line: the hash's high half and the rule, the tunnel IPv4
/// destination word with the generation's low 32 bits in its (always zero) low half, and key
/// words 0-5. Keys with any IPv6 word set (words 7-15) are not cached: they would not fit the
/// line, and a line per lookup is what makes the cache faster than the classifier it fronts.
/// (An entry left untouched through 2^32 rule changes could come back stale; at thousands of
/// changes per second that is months without a single lookup landing on it.)
///
/// Manual storage like ``Subtable``; owned by one datapath.
public final class ExactMatchCache {
    /// Number of entries (a power of two).
    public let capacity: Int
    private static let stride = 8
    private let records: UnsafeMutablePointer<UInt64>

    /// A cache of `capacity` entries (rounded up to a power of two, at least 2).
    public init(capacity: Int = 4096) {
        var size = 2
        while size < capacity { size *= 2 }
        self.capacity = size
        let raw = UnsafeMutableRawPointer.allocate(byteCount: size * Self.stride * 8, alignment: 64)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: size * Self.stride * 8)
        // Generation 0 never matches: entries are filled with the classifier's generation + 1.
        records = raw.bindMemory(to: UInt64.self, capacity: size * Self.stride)
    }

    deinit { UnsafeMutableRawPointer(records).deallocate() }

    /// True when `key` can be cached (no IPv6 word set).
    @inline(__always)
    public static func caches(_ key: ClassifierKey) -> Bool {
        key.withWords { w in
            var high: UInt64 = w[KeyWord.tunnelIPv4Destination] & 0xFFFF_FFFF
            for i in KeyWord.ipv6SourceHigh..<ClassifierKey.wordCount { high |= w[i] }
            return high == 0
        }
    }

    /// The hash a key is cached under (of words 0-6, the ones a cacheable key can have set).
    @inline(__always)
    public static func hash(_ key: ClassifierKey) -> UInt64 {
        key.withWords { w in
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15
            for i in 0...KeyWord.tunnelIPv4Destination {
                h = (h ^ w[i]) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 32
            }
            return h
        }
    }

    @inline(__always)
    private func record(_ slot: Int) -> UnsafeMutablePointer<UInt64> { records + slot &* Self.stride }

    @inline(__always)
    private func ways(_ hash: UInt64) -> (Int, Int) {
        let m = capacity - 1
        return (Int(truncatingIfNeeded: hash) & m, Int(truncatingIfNeeded: hash >> 24) & m)
    }

    @inline(__always)
    private static func stamp(_ generation: UInt64) -> UInt64 { (generation &+ 1) & 0xFFFF_FFFF }

    @inline(__always)
    private func holds(_ r: UnsafeMutablePointer<UInt64>, _ w: UnsafePointer<UInt64>, _ hash: UInt64, _ stamp: UInt64) -> Bool {
        var difference = (r[0] ^ hash) >> 32
        difference |= r[1] ^ (w[KeyWord.tunnelIPv4Destination] | stamp)
        for i in 0..<6 { difference |= r[2 &+ i] ^ w[i] }
        return difference == 0
    }

    @inline(__always)
    private static func handle(_ r: UnsafeMutablePointer<UInt64>) -> ClassifierRuleHandle {
        ClassifierRuleHandle(rawValue: Int32(bitPattern: UInt32(truncatingIfNeeded: r[0])))
    }

    /// The cached result for `key` (a rule, or ``ClassifierRuleHandle/none`` for a cached miss)
    /// if it was cached in classifier generation `generation`; nil when not cached. `key` must
    /// be cacheable (``caches(_:)``).
    @inline(__always)
    public func lookup(_ key: ClassifierKey, hash: UInt64, generation: UInt64) -> ClassifierRuleHandle? {
        let (a, b) = ways(hash)
        let stamp = Self.stamp(generation)
        return key.withWords { w in
            let ra = record(a)
            if holds(ra, w, hash, stamp) { return Self.handle(ra) }
            let rb = record(b)
            if holds(rb, w, hash, stamp) { return Self.handle(rb) }
            return nil
        }
    }

    /// Caches `handle` for `key` (cacheable) in classifier generation `generation`, replacing
    /// a stale entry of the two ways if there is one, else the second way.
    @inline(__always)
    public func insert(_ key: ClassifierKey, hash: UInt64, generation: UInt64, handle: ClassifierRuleHandle) {
        let (a, b) = ways(hash)
        let stamp = Self.stamp(generation)
        let r = record(a)[1] & 0xFFFF_FFFF != stamp ? record(a) : record(b)
        key.withWords { w in
            r[0] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(UInt32(bitPattern: handle.rawValue))
            r[1] = w[KeyWord.tunnelIPv4Destination] | stamp
            for i in 0..<6 { r[2 + i] = w[i] }
        }
    }
}
