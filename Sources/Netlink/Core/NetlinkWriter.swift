/// Appends netlink messages and attributes to a growable byte buffer, in host byte order unless a
/// method says `bigEndian`. Padding bytes are always zero. Reuse one writer (``reset()``) to encode
/// many messages without allocating.
public struct NetlinkWriter: Sendable {
    @usableFromInline var storage: [UInt8]

    /// The encoded bytes so far.
    public var bytes: [UInt8] { storage }

    public init(capacity: Int = 512) {
        storage = []
        storage.reserveCapacity(capacity)
    }

    /// Forgets the content but keeps the capacity.
    @inlinable public mutating func reset() { storage.removeAll(keepingCapacity: true) }

    /// Current length in storage.
    @inlinable public var count: Int { storage.count }

    // MARK: Scalars

    @inlinable public mutating func append(_ value: UInt8) { storage.append(value) }
    @inlinable public mutating func append(_ value: UInt16) { appendLittleEndian(UInt64(value), 2) }
    @inlinable public mutating func append(_ value: UInt32) { appendLittleEndian(UInt64(value), 4) }
    @inlinable public mutating func append(_ value: UInt64) { appendLittleEndian(value, 8) }
    @inlinable public mutating func append(_ value: Int32) { append(UInt32(bitPattern: value)) }
    @inlinable public mutating func appendBigEndian(_ value: UInt16) { appendBigEndian(UInt64(value), 2) }
    @inlinable public mutating func appendBigEndian(_ value: UInt32) { appendBigEndian(UInt64(value), 4) }

    @inlinable public mutating func append<S: Sequence>(contentsOf s: S) where S.Element == UInt8 {
        storage.append(contentsOf: s)
    }

    @inlinable public mutating func appendZeros(_ n: Int) {
        for _ in 0..<n { storage.append(0) }
    }

    /// Pads with zeros to the next 4-byte boundary.
    @inlinable public mutating func align() { appendZeros(netlinkAlign(storage.count) - storage.count) }

    // The host is little-endian on every platform eswitch targets (x86_64, aarch64).
    @inlinable mutating func appendLittleEndian(_ value: UInt64, _ width: Int) {
        for i in 0..<width { storage.append(UInt8(truncatingIfNeeded: value >> (UInt64(i) * 8))) }
    }

    @inlinable mutating func appendBigEndian(_ value: UInt64, _ width: Int) {
        for i in (0..<width).reversed() { storage.append(UInt8(truncatingIfNeeded: value >> (UInt64(i) * 8))) }
    }

    /// Overwrites a 16-bit host-order value at `offset`.
    @inlinable public mutating func patch(_ value: UInt16, at offset: Int) {
        storage[offset] = UInt8(truncatingIfNeeded: value)
        storage[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
    }

    /// Overwrites a 32-bit host-order value at `offset`.
    @inlinable public mutating func patch(_ value: UInt32, at offset: Int) {
        for i in 0..<4 { storage[offset + i] = UInt8(truncatingIfNeeded: value >> (UInt32(i) * 8)) }
    }

    // MARK: Messages

    /// Starts a message; returns its start offset for ``endMessage(_:)``.
    @inlinable public mutating func beginMessage(type: UInt16, flags: NetlinkFlags, sequence: UInt32 = 0, portID: UInt32 = 0) -> Int {
        align()
        let start = storage.count
        append(UInt32(0))
        append(type)
        append(flags.rawValue)
        append(sequence)
        append(portID)
        return start
    }

    /// Writes the message's length, then pads to 4 bytes. Bodies made of attributes end aligned
    /// already (each attribute is padded, as iproute2's addattr does), so their length includes
    /// that padding; an odd-sized raw body keeps its exact length, the padding sits between messages.
    @inlinable public mutating func endMessage(_ start: Int) {
        patch(UInt32(storage.count - start), at: start)
        align()
    }

    // MARK: Attributes

    /// Starts an attribute whose payload the caller appends; returns its offset for ``endAttribute(_:)``.
    @inlinable public mutating func beginAttribute(_ type: UInt16) -> Int {
        align()
        let start = storage.count
        append(UInt16(0))
        append(type)
        return start
    }

    /// Writes the attribute's length. A nested attribute's length includes its last child's padding
    /// (the kernel's nla_nest_end does the same).
    @inlinable public mutating func endAttribute(_ start: Int) {
        patch(UInt16(truncatingIfNeeded: storage.count - start), at: start)
        align()
    }

    /// Starts a nested attribute, optionally with NLA_F_NESTED set.
    @inlinable public mutating func beginNested(_ type: UInt16, flagged: Bool = false) -> Int {
        beginAttribute(flagged ? type | NLA.fNested : type)
    }

    /// Ends a nested attribute: the length covers the children and their padding.
    @inlinable public mutating func endNested(_ start: Int) {
        align()
        patch(UInt16(truncatingIfNeeded: storage.count - start), at: start)
    }

    @inlinable public mutating func attribute(_ type: UInt16, u8 value: UInt8) {
        let s = beginAttribute(type); append(value); endAttribute(s)
    }
    @inlinable public mutating func attribute(_ type: UInt16, u16 value: UInt16) {
        let s = beginAttribute(type); append(value); endAttribute(s)
    }
    @inlinable public mutating func attribute(_ type: UInt16, u32 value: UInt32) {
        let s = beginAttribute(type); append(value); endAttribute(s)
    }
    @inlinable public mutating func attribute(_ type: UInt16, u64 value: UInt64) {
        let s = beginAttribute(type); append(value); endAttribute(s)
    }
    @inlinable public mutating func attribute(_ type: UInt16, bigEndian16 value: UInt16) {
        let s = beginAttribute(type); appendBigEndian(value); endAttribute(s)
    }
    @inlinable public mutating func attribute(_ type: UInt16, bigEndian32 value: UInt32) {
        let s = beginAttribute(type); appendBigEndian(value); endAttribute(s)
    }
    @inlinable public mutating func attribute<S: Sequence>(_ type: UInt16, bytes payload: S) where S.Element == UInt8 {
        let s = beginAttribute(type); append(contentsOf: payload); endAttribute(s)
    }
    /// A flag attribute: header only.
    @inlinable public mutating func attribute(_ type: UInt16) {
        let s = beginAttribute(type); endAttribute(s)
    }
    /// A NUL-terminated string attribute (NLA_NUL_STRING / NLA_STRING as iproute2 sends it).
    @inlinable public mutating func attribute(_ type: UInt16, string: String) {
        let s = beginAttribute(type); append(contentsOf: string.utf8); append(UInt8(0)); endAttribute(s)
    }
    /// A string attribute without the terminating NUL.
    @inlinable public mutating func attribute(_ type: UInt16, unterminatedString string: String) {
        let s = beginAttribute(type); append(contentsOf: string.utf8); endAttribute(s)
    }
}
