import EswitchModel

/// One attribute read from ``BorrowedBytes``: the ``NetlinkAttribute`` of the hot decoders (tc
/// filters and actions), with the same accessors and the same error texts and offsets, but without
/// retaining the buffer. Valid only inside the ``Swift/ArraySlice/withBorrowedBytes(_:)`` call that
/// made its bytes.
struct BorrowedAttribute {
    /// The 16-bit type field including NLA_F_NESTED / NLA_F_NET_BYTEORDER.
    let rawType: UInt16
    /// The payload (without header and padding), indexed by offset in the original buffer.
    let payload: BorrowedBytes

    @inline(__always) init(rawType: UInt16, payload: BorrowedBytes) {
        self.rawType = rawType
        self.payload = payload
    }

    /// The type number without flag bits.
    @inline(__always) var type: UInt16 { rawType & NLA.typeMask }
    /// Offset of the attribute header in the original buffer.
    @inline(__always) var headerOffset: Int { payload.startIndex - NLA.headerLength }

    @inline(__always) func requireLength(_ n: Int) throws(NetlinkDecodingError) {
        guard payload.count == n else { throw lengthError(n) }
    }

    // Kept out of line: building the message is the cold path.
    @inline(never) func lengthError(_ n: Int) -> NetlinkDecodingError {
        NetlinkDecodingError(offset: headerOffset, "attribute type \(type) has \(payload.count) payload bytes, expected \(n)")
    }

    @inline(__always) func u8() throws(NetlinkDecodingError) -> UInt8 {
        try requireLength(1); return payload[payload.startIndex]
    }
    @inline(__always) func u16() throws(NetlinkDecodingError) -> UInt16 {
        try requireLength(2); return payload.readLE(UInt16.self, at: payload.startIndex)
    }
    @inline(__always) func u32() throws(NetlinkDecodingError) -> UInt32 {
        try requireLength(4); return payload.readLE(UInt32.self, at: payload.startIndex)
    }
    @inline(__always) func u64() throws(NetlinkDecodingError) -> UInt64 {
        try requireLength(8); return payload.readLE(UInt64.self, at: payload.startIndex)
    }
    @inline(__always) func bigEndian16() throws(NetlinkDecodingError) -> UInt16 {
        try requireLength(2); return payload.readBE(UInt16.self, at: payload.startIndex)
    }
    @inline(__always) func bigEndian32() throws(NetlinkDecodingError) -> UInt32 {
        try requireLength(4); return payload.readBE(UInt32.self, at: payload.startIndex)
    }
    @inline(__always) func ipv4() throws(NetlinkDecodingError) -> IPv4Address {
        IPv4Address(rawValue: try bigEndian32())
    }
    @inline(__always) func ipv6() throws(NetlinkDecodingError) -> IPv6Address {
        try requireLength(16)
        let s = payload.startIndex
        return IPv6Address(high: payload.readBE(UInt64.self, at: s), low: payload.readBE(UInt64.self, at: s + 8))
    }
    @inline(__always) func mac() throws(NetlinkDecodingError) -> MACAddress {
        try requireLength(6); return payload.readMAC(at: payload.startIndex)
    }

    /// The children of a nested attribute.
    @inline(__always) func nested() -> BorrowedAttributeReader { BorrowedAttributeReader(payload) }

    /// The text of a NUL-terminated string attribute (TCA_KIND, TCA_FLOWER_INDEV), or nil when the
    /// payload is not exactly valid UTF-8 followed by one NUL: such attributes are kept as raw bytes
    /// so that they re-encode unchanged.
    func terminatedString() -> String? { payload.terminatedString() }
}

/// Walks the attributes in ``BorrowedBytes``, checking every length against its parent: the
/// ``AttributeReader`` of the hot decoders, with the same errors at the same offsets.
struct BorrowedAttributeReader {
    let bytes: BorrowedBytes
    /// Offset of the next attribute header within `bytes.buffer`.
    var cursor = 0

    @inline(__always) init(_ bytes: BorrowedBytes) { self.bytes = bytes }

    /// The next attribute, or nil at the end. Throws when a header is truncated or a length runs
    /// past the parent.
    @inline(__always) mutating func next() throws(NetlinkDecodingError) -> BorrowedAttribute? {
        let buffer = bytes.buffer
        let left = buffer.count &- cursor
        guard left > 0 else { return nil }
        guard left >= NLA.headerLength else { throw Self.truncated(bytes.startIndex &+ cursor, left) }
        // Unchecked loads and slicing from here: the guards above and below are the bounds checks
        // (at least a header is left, and the length stays within what is left).
        let header = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: cursor, as: UInt32.self))
        let length = Int(header & 0xFFFF), rawType = UInt16(truncatingIfNeeded: header >> 16)
        guard length >= NLA.headerLength, length <= left else { throw Self.badLength(bytes.startIndex &+ cursor, length, rawType, left) }
        let payload = BorrowedBytes(
            UnsafeRawBufferPointer(rebasing: buffer[(cursor &+ NLA.headerLength)..<(cursor &+ length)]),
            startIndex: bytes.startIndex &+ cursor &+ NLA.headerLength)
        cursor &+= min(netlinkAlign(length), left)
        return BorrowedAttribute(rawType: rawType, payload: payload)
    }

    /// How many attributes `bytes` holds, reading only the length fields: exactly the number `next()`
    /// returns before it ends, or at least as many when it throws. Used to size arrays once.
    static func count(in bytes: BorrowedBytes) -> Int {
        var n = 0
        var i = 0
        let buffer = bytes.buffer
        // Lengths are at most 0xFFFF, so `i` cannot overflow.
        while buffer.count &- i >= NLA.headerLength {
            let length = Int(UInt16(littleEndian: buffer.loadUnaligned(fromByteOffset: i, as: UInt16.self)))
            guard length >= NLA.headerLength else { break }
            n &+= 1
            i &+= netlinkAlign(length)
        }
        return n
    }

    // The error paths, out of line so that `next()` stays small enough to inline.
    @inline(never) static func truncated(_ start: Int, _ left: Int) -> NetlinkDecodingError {
        NetlinkDecodingError(offset: start, "truncated attribute header (\(left) bytes left)")
    }

    @inline(never) static func badLength(_ start: Int, _ length: Int, _ rawType: UInt16, _ left: Int) -> NetlinkDecodingError {
        guard length >= NLA.headerLength else {
            return NetlinkDecodingError(offset: start, "attribute length \(length) is shorter than its header")
        }
        return NetlinkDecodingError(offset: start, "attribute type \(rawType & NLA.typeMask) length \(length) runs past its parent (\(left) bytes left)")
    }
}

extension BorrowedBytes {
    /// Valid UTF-8 text followed by exactly one NUL, as a String; nil for anything else.
    func terminatedString() -> String? {
        guard let last = buffer.last, last == 0 else { return nil }
        let text = UnsafeRawBufferPointer(rebasing: buffer.dropLast())
        guard !text.contains(0) else { return nil }
        return String(validating: text, as: UTF8.self)
    }

    /// The six bytes of a MAC address at absolute offset `index` (two loads instead of six).
    @inline(__always) func readMAC(at index: Int) -> MACAddress {
        MACAddress(integer: UInt64(readBE(UInt32.self, at: index)) << 16 | UInt64(readBE(UInt16.self, at: index + 4)))
    }
}

extension BorrowedBytes {
    /// Decodes every attribute of these bytes with `decodeOne`, in order, into an array allocated
    /// once at its final size (``BorrowedAttributeReader/count(in:)``). Every attribute list of the
    /// tc decoders goes through here.
    @inline(__always)
    func decodeAttributes<A>(_ decodeOne: (BorrowedAttribute) throws(NetlinkDecodingError) -> A) throws(NetlinkDecodingError) -> [A] {
        var reader = BorrowedAttributeReader(self)
        var out: [A] = []
        // (`Array(unsafeUninitializedCapacity:)` would skip append's checks, but it is not
        // specialized across the standard library boundary and looks up metadata at run time.)
        out.reserveCapacity(BorrowedAttributeReader.count(in: self))
        while let a = try reader.next() { out.append(try decodeOne(a)) }
        return out
    }
}

extension RawAttribute {
    /// Copies a borrowed attribute's type field and payload.
    init(_ attribute: BorrowedAttribute) {
        self.init(type: attribute.rawType, payload: attribute.payload.array)
    }
}

extension NetlinkAttribute {
    /// Calls `body` with this attribute as a ``BorrowedAttribute``: the public, slice-based decoders
    /// of tc types hand over to their borrowed implementation this way.
    func withBorrowed<R, E: Error>(_ body: (BorrowedAttribute) throws(E) -> R) throws(E) -> R {
        let rawType = self.rawType
        return try payload.withBorrowedBytes { (p) throws(E) -> R in
            try body(BorrowedAttribute(rawType: rawType, payload: p))
        }
    }
}
