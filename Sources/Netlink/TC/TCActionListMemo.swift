/// Action lists a filter decoder has decoded, by their wire bytes, so that it can skip decoding a
/// list it has seen before: an agent installs thousands of filters whose action lists are the same
/// few (redirect to one representor, encapsulate towards one tunnel endpoint), and the list is the
/// costliest part of a flower filter to decode.
///
/// Decoding is a function of the bytes alone, so a remembered list is exactly what decoding would
/// give; only lists that decoded without error are remembered. The memo holds a few lists and
/// forgets the oldest first. It belongs to one decoder at a time (it is a value; a receiver keeps
/// one with its other per-socket state).
public struct TCActionListMemo: Sendable {
    struct Entry: Sendable {
        var digest: UInt64
        var bytes: [UInt8]
        var actions: [TCAction]
    }

    /// The most lists remembered.
    public let capacity: Int
    var entries: [Entry] = []
    /// The entry replaced next once the memo is full.
    var oldest = 0
    /// Lookups answered from the memo, and lookups that decoded.
    public private(set) var hits = 0, misses = 0

    /// - Parameter capacity: how many distinct action lists to remember (at least 1).
    public init(capacity: Int = 16) {
        self.capacity = max(1, capacity)
    }

    /// The decoded list for the TCA_FLOWER_ACT payload `payload`: remembered, or decoded by `decode`.
    mutating func actions(for payload: BorrowedBytes, decode: () throws(NetlinkDecodingError) -> [TCAction]) throws(NetlinkDecodingError) -> [TCAction] {
        let digest = Self.digest(payload.buffer)
        for entry in entries where entry.digest == digest && entry.bytes.count == payload.count {
            let same = entry.bytes.withUnsafeBytes { stored in
                memcmp(stored.baseAddress!, payload.buffer.baseAddress!, payload.count) == 0
            }
            if same {
                hits += 1
                return entry.actions
            }
        }
        misses += 1
        let actions = try decode()
        let entry = Entry(digest: digest, bytes: Array(payload.buffer), actions: actions)
        if entries.count < capacity {
            entries.append(entry)
        } else {
            entries[oldest] = entry
            oldest = (oldest + 1) % capacity
        }
        return actions
    }

    /// FNV-1a over 8-byte words (then the tail bytes): cheap, and collisions only cost a compare.
    static func digest(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            offset += 8
        }
        while offset < bytes.count {
            hash = (hash ^ UInt64(bytes[offset])) &* 0x0000_0100_0000_01B3
            offset += 1
        }
        return hash
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension TCActionListMemo {
    /// The action list held by a TCA_FLOWER_ACT attribute whose payload (its action nests) is
    /// `payload`: remembered, or decoded (as the filter decoder does) and remembered.
    ///
    /// - Throws: the decoder's error when the list is malformed (nothing is remembered then).
    public mutating func actions(fromPayload payload: ArraySlice<UInt8>) throws(NetlinkDecodingError) -> [TCAction] {
        try payload.withBorrowedBytes { (bytes) throws(NetlinkDecodingError) in
            try actions(for: bytes) { () throws(NetlinkDecodingError) in
                try bytes.decodeAttributes { (child) throws(NetlinkDecodingError) in try TCAction(decoding: child) }
            }
        }
    }
}
