import EswitchModel

/// One attribute as found in a buffer: its full type field (flags included) and its payload.
/// The payload is a slice of the input, so its indices are offsets into the original buffer and
/// every error can name the byte where it happened.
public struct NetlinkAttribute {
    /// The 16-bit type field including NLA_F_NESTED / NLA_F_NET_BYTEORDER.
    public let rawType: UInt16
    /// The payload (without header and padding), indexed by offset in the original buffer.
    public let payload: ArraySlice<UInt8>

    @inlinable public init(rawType: UInt16, payload: ArraySlice<UInt8>) {
        self.rawType = rawType
        self.payload = payload
    }

    /// The type number without flag bits.
    @inlinable public var type: UInt16 { rawType & NLA.typeMask }
    /// Offset of the attribute header in the original buffer.
    @inlinable public var headerOffset: Int { payload.startIndex - NLA.headerLength }

    @inlinable func requireLength(_ n: Int) throws(NetlinkDecodingError) {
        guard payload.count == n else {
            throw NetlinkDecodingError(offset: headerOffset, "attribute type \(type) has \(payload.count) payload bytes, expected \(n)")
        }
    }

    @inlinable func requireAtLeast(_ n: Int) throws(NetlinkDecodingError) {
        guard payload.count >= n else {
            throw NetlinkDecodingError(offset: headerOffset, "attribute type \(type) has \(payload.count) payload bytes, expected at least \(n)")
        }
    }

    @inlinable public func u8() throws(NetlinkDecodingError) -> UInt8 {
        try requireLength(1); return payload[payload.startIndex]
    }
    @inlinable public func u16() throws(NetlinkDecodingError) -> UInt16 {
        try requireLength(2); return payload.loadLittleEndian(UInt16.self, at: payload.startIndex)
    }
    @inlinable public func u32() throws(NetlinkDecodingError) -> UInt32 {
        try requireLength(4); return payload.loadLittleEndian(UInt32.self, at: payload.startIndex)
    }
    @inlinable public func u64() throws(NetlinkDecodingError) -> UInt64 {
        try requireLength(8); return payload.loadLittleEndian(UInt64.self, at: payload.startIndex)
    }
    @inlinable public func bigEndian16() throws(NetlinkDecodingError) -> UInt16 {
        try requireLength(2); return payload.loadBigEndian(UInt16.self, at: payload.startIndex)
    }
    @inlinable public func bigEndian32() throws(NetlinkDecodingError) -> UInt32 {
        try requireLength(4); return payload.loadBigEndian(UInt32.self, at: payload.startIndex)
    }
    @inlinable public func mac() throws(NetlinkDecodingError) -> MACAddress {
        try requireLength(6)
        let high = UInt64(payload.loadBigEndian(UInt32.self, at: payload.startIndex))
        let low = UInt64(payload.loadBigEndian(UInt16.self, at: payload.startIndex + 4))
        return MACAddress(integer: high << 16 | low)
    }
    @inlinable public func ipv4() throws(NetlinkDecodingError) -> IPv4Address {
        IPv4Address(rawValue: try bigEndian32())
    }
    @inlinable public func ipv6() throws(NetlinkDecodingError) -> IPv6Address {
        try requireLength(16)
        let s = payload.startIndex
        return IPv6Address(high: payload.loadBigEndian(UInt64.self, at: s), low: payload.loadBigEndian(UInt64.self, at: s + 8))
    }
    /// An IPv4 (4-byte) or IPv6 (16-byte) address; any other length is an error.
    @inlinable public func ip() throws(NetlinkDecodingError) -> IPAddress {
        switch payload.count {
        case 4: return .v4(try ipv4())
        case 16: return .v6(try ipv6())
        default: throw NetlinkDecodingError(offset: headerOffset, "attribute type \(type) has \(payload.count) bytes, expected an IPv4 (4) or IPv6 (16) address")
        }
    }
    /// A string up to the first NUL (or the whole payload when there is none). Invalid UTF-8 is an error.
    public func string() throws(NetlinkDecodingError) -> String {
        let end = payload.firstIndex(of: 0) ?? payload.endIndex
        guard let s = String(validating: payload[payload.startIndex..<end], as: UTF8.self) else {
            throw NetlinkDecodingError(offset: headerOffset, "attribute type \(type) is not valid UTF-8 text")
        }
        return s
    }
    /// The children of a nested attribute.
    @inlinable public func nested() -> AttributeReader { AttributeReader(payload) }
}

/// Walks the attributes in a slice, checking every length against its parent.
public struct AttributeReader {
    @usableFromInline let bytes: ArraySlice<UInt8>
    /// Index of the next attribute header. (An index rather than a shrinking slice: re-slicing
    /// retained and released the buffer on every step.)
    @usableFromInline var cursor: Int

    @inlinable public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        cursor = bytes.startIndex
    }

    /// The next attribute, or nil at the end. Throws when a header is truncated or a length runs
    /// past the parent.
    @inlinable public mutating func next() throws(NetlinkDecodingError) -> NetlinkAttribute? {
        let start = cursor
        let left = bytes.endIndex - start
        guard left > 0 else { return nil }
        guard left >= NLA.headerLength else {
            throw NetlinkDecodingError(offset: start, "truncated attribute header (\(left) bytes left)")
        }
        let length = Int(bytes.loadLittleEndian(UInt16.self, at: start))
        let rawType = bytes.loadLittleEndian(UInt16.self, at: start + 2)
        guard length >= NLA.headerLength else {
            throw NetlinkDecodingError(offset: start, "attribute length \(length) is shorter than its header")
        }
        guard length <= left else {
            throw NetlinkDecodingError(offset: start, "attribute type \(rawType & NLA.typeMask) length \(length) runs past its parent (\(left) bytes left)")
        }
        cursor = start + min(netlinkAlign(length), left)
        return NetlinkAttribute(rawType: rawType, payload: bytes[(start + NLA.headerLength)..<(start + length)])
    }
}

extension ArraySlice where Element == UInt8 {
    // Callers check the bounds first; one unaligned load beats a per-byte loop with checks.
    @inlinable func loadLittleEndian<T: FixedWidthInteger>(_: T.Type, at index: Int) -> T {
        precondition(index >= startIndex && index + MemoryLayout<T>.size <= endIndex)
        return withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: index - startIndex, as: T.self)) }
    }
    @inlinable func loadBigEndian<T: FixedWidthInteger>(_: T.Type, at index: Int) -> T {
        precondition(index >= startIndex && index + MemoryLayout<T>.size <= endIndex)
        return withUnsafeBytes { T(bigEndian: $0.loadUnaligned(fromByteOffset: index - startIndex, as: T.self)) }
    }
}

/// An attribute kept as bytes: unknown attributes survive decode -> encode verbatim this way.
public struct RawAttribute: Hashable, Sendable, Codable {
    /// The full type field, flag bits included.
    public var type: UInt16
    /// The payload exactly as received.
    public var payload: [UInt8]

    public init(type: UInt16, payload: [UInt8]) {
        self.type = type
        self.payload = payload
    }

    public init(_ attribute: NetlinkAttribute) {
        self.init(type: attribute.rawType, payload: Array(attribute.payload))
    }

    /// Writes the attribute back with its original type field and payload.
    public func encode(into writer: inout NetlinkWriter) {
        writer.attribute(type, bytes: payload)
    }

    // JSON: {"type": 26, "hex": "00000064"} — type keeps its flag bits.
    enum CodingKeys: String, CodingKey { case type, hex }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decode(UInt16.self, forKey: .type)
        let text = try c.decode(String.self, forKey: .hex)
        guard let bytes = [UInt8](hex: text) else {
            throw DecodingError.dataCorruptedError(forKey: .hex, in: c, debugDescription: "invalid hex '\(text)'")
        }
        payload = bytes
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(payload.hexString, forKey: .hex)
    }
}
