import EswitchModel

/// Appends netlink messages and attributes to a growable byte buffer, in host byte order unless a
/// method says `bigEndian`. Padding bytes are always zero. Reuse one writer (``reset()``) to encode
/// many messages without allocating.
public struct NetlinkWriter: ~Copyable, @unchecked Sendable {
    // A buffer this writer owns alone (the type is non-copyable), written through a raw pointer:
    // no copy-on-write uniqueness check and no Array.append on the per-field hot path.
    @usableFromInline var base: UnsafeMutableRawPointer
    @usableFromInline var capacity: Int
    @usableFromInline var length: Int

    public init(capacity: Int = 512) {
        self.capacity = max(capacity, 64)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 8)
        length = 0
    }

    deinit { base.deallocate() }

    /// The encoded bytes so far (a copy).
    public var bytes: [UInt8] { Array(UnsafeRawBufferPointer(start: base, count: length)) }

    /// Forgets the content but keeps the capacity.
    @inlinable public mutating func reset() { length = 0 }

    /// Current length in bytes.
    @inlinable public var count: Int { length }

    /// Calls `body` with the encoded bytes, without copying them.
    @inlinable public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: length))
    }

    @inlinable mutating func reserve(_ n: Int) {
        if length + n > capacity { grow(n) }
    }

    @usableFromInline mutating func grow(_ n: Int) {
        let newCapacity = max(capacity * 2, length + n)
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 8)
        newBase.copyMemory(from: base, byteCount: length)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inlinable @inline(__always) mutating func store<T: FixedWidthInteger>(_ value: T) {
        let size = MemoryLayout<T>.size
        reserve(size)
        base.storeBytes(of: value, toByteOffset: length, as: T.self)
        length += size
    }

    // MARK: Scalars

    @inlinable public mutating func append(_ value: UInt8) { store(value) }
    @inlinable public mutating func append(_ value: UInt16) { store(value.littleEndian) }
    @inlinable public mutating func append(_ value: UInt32) { store(value.littleEndian) }
    @inlinable public mutating func append(_ value: UInt64) { store(value.littleEndian) }
    @inlinable public mutating func append(_ value: Int32) { append(UInt32(bitPattern: value)) }
    @inlinable public mutating func appendBigEndian(_ value: UInt16) { store(value.bigEndian) }
    @inlinable public mutating func appendBigEndian(_ value: UInt32) { store(value.bigEndian) }

    @inlinable public mutating func append<S: Sequence>(contentsOf s: S) where S.Element == UInt8 {
        let done: Void? = s.withContiguousStorageIfAvailable { buffer in appendRaw(UnsafeRawBufferPointer(buffer)) }
        if done == nil { for byte in s { append(byte) } }
    }

    @inlinable mutating func appendRaw(_ src: UnsafeRawBufferPointer) {
        reserve(src.count)
        if let from = src.baseAddress { (base + length).copyMemory(from: from, byteCount: src.count) }
        length += src.count
    }

    /// Appends an array's bytes with one copy.
    @inlinable public mutating func append(contentsOf array: [UInt8]) {
        array.withUnsafeBytes { appendRaw($0) }
    }

    @inlinable public mutating func appendZeros(_ n: Int) {
        reserve(n)
        (base + length).initializeMemory(as: UInt8.self, repeating: 0, count: n)
        length += n
    }

    /// Pads with zeros to the next 4-byte boundary.
    @inlinable @inline(__always) public mutating func align() {
        let pad = netlinkAlign(length) &- length
        if pad != 0 {
            // At most 3 bytes: one 4-byte store of zeros (inside the capacity) is much cheaper than
            // a memset call, and only `pad` of its bytes are counted.
            reserve(4)
            base.storeBytes(of: UInt32(0), toByteOffset: length, as: UInt32.self)
            length &+= pad
        }
    }

    /// Appends a MAC address's six bytes.
    @inlinable public mutating func append(_ mac: MACAddress) {
        store(UInt32(truncatingIfNeeded: mac.integer >> 16).bigEndian)
        store(UInt16(truncatingIfNeeded: mac.integer).bigEndian)
    }

    /// Appends an IPv4 address in network order.
    @inlinable public mutating func append(_ ip: IPv4Address) { appendBigEndian(ip.rawValue) }

    /// Appends an IPv6 address in network order.
    @inlinable public mutating func append(_ ip: IPv6Address) {
        store(ip.high.bigEndian)
        store(ip.low.bigEndian)
    }

    /// Appends an IPv4 (4 bytes) or IPv6 (16 bytes) address in network order.
    @inlinable public mutating func append(_ ip: IPAddress) {
        switch ip {
        case .v4(let a): append(a)
        case .v6(let a): append(a)
        }
    }

    /// Overwrites a 16-bit host-order value at `offset`.
    @inlinable public mutating func patch(_ value: UInt16, at offset: Int) {
        precondition(offset >= 0 && offset + 2 <= length)
        base.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt16.self)
    }

    /// Overwrites a 32-bit host-order value at `offset`.
    @inlinable public mutating func patch(_ value: UInt32, at offset: Int) {
        precondition(offset >= 0 && offset + 4 <= length)
        base.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt32.self)
    }

    // MARK: Messages

    /// Starts a message; returns its start offset for ``endMessage(_:)``.
    @inlinable public mutating func beginMessage(type: UInt16, flags: NetlinkFlags, sequence: UInt32 = 0, portID: UInt32 = 0) -> Int {
        align()
        let start = length
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
        patch(UInt32(length - start), at: start)
        align()
    }

    // MARK: Attributes

    /// Starts an attribute whose payload the caller appends; returns its offset for ``endAttribute(_:)``.
    @inlinable public mutating func beginAttribute(_ type: UInt16) -> Int {
        align()
        let start = length
        reserve(NLA.headerLength)
        // Length 0 (patched by endAttribute) and the type, in one store.
        base.storeBytes(of: (UInt32(type) << 16).littleEndian, toByteOffset: start, as: UInt32.self)
        length = start &+ NLA.headerLength
        return start
    }

    /// Writes the attribute's length. A nested attribute's length includes its last child's padding
    /// (the kernel's nla_nest_end does the same).
    @inlinable public mutating func endAttribute(_ start: Int) {
        patch(UInt16(truncatingIfNeeded: length - start), at: start)
        align()
    }

    /// Starts a nested attribute, optionally with NLA_F_NESTED set.
    @inlinable public mutating func beginNested(_ type: UInt16, flagged: Bool = false) -> Int {
        beginAttribute(flagged ? type | NLA.fNested : type)
    }

    /// Ends a nested attribute. Children end padded, so the length covers them and their padding
    /// (as the kernel's nla_nest_end does); raw content of odd size keeps its exact length.
    @inlinable public mutating func endNested(_ start: Int) {
        endAttribute(start)
    }

    /// Writes a whole attribute whose payload size is known: header, payload and zero padding with
    /// one capacity check and nothing to patch afterwards. Every match key goes through here, so this
    /// is the encoder's hottest path. `write` stores exactly `size` bytes at the pointer it is given.
    @inlinable @inline(__always)
    mutating func fixedAttribute(_ type: UInt16, size: Int, _ write: (UnsafeMutableRawPointer) -> Void) {
        align()
        let attributeLength = NLA.headerLength &+ size
        let total = netlinkAlign(attributeLength)
        reserve(total)
        let p = base + length
        // Padding first (the last 4 bytes, which the payload may partly overwrite), then the payload.
        if total != attributeLength { p.storeBytes(of: UInt32(0), toByteOffset: total &- 4, as: UInt32.self) }
        // The 16-bit length field truncates as endAttribute's patch does for oversized payloads.
        p.storeBytes(of: (UInt32(UInt16(truncatingIfNeeded: attributeLength)) | UInt32(type) << 16).littleEndian, as: UInt32.self)
        write(p + NLA.headerLength)
        length &+= total
    }

    @inlinable public mutating func attribute(_ type: UInt16, u8 value: UInt8) {
        fixedAttribute(type, size: 1) { $0.storeBytes(of: value, as: UInt8.self) }
    }
    @inlinable public mutating func attribute(_ type: UInt16, u16 value: UInt16) {
        fixedAttribute(type, size: 2) { $0.storeBytes(of: value.littleEndian, as: UInt16.self) }
    }
    @inlinable public mutating func attribute(_ type: UInt16, u32 value: UInt32) {
        fixedAttribute(type, size: 4) { $0.storeBytes(of: value.littleEndian, as: UInt32.self) }
    }
    @inlinable public mutating func attribute(_ type: UInt16, u64 value: UInt64) {
        fixedAttribute(type, size: 8) { $0.storeBytes(of: value.littleEndian, as: UInt64.self) }
    }
    @inlinable public mutating func attribute(_ type: UInt16, bigEndian16 value: UInt16) {
        fixedAttribute(type, size: 2) { $0.storeBytes(of: value.bigEndian, as: UInt16.self) }
    }
    @inlinable public mutating func attribute(_ type: UInt16, bigEndian32 value: UInt32) {
        fixedAttribute(type, size: 4) { $0.storeBytes(of: value.bigEndian, as: UInt32.self) }
    }
    @inlinable public mutating func attribute<S: Sequence>(_ type: UInt16, bytes payload: S) where S.Element == UInt8 {
        let s = beginAttribute(type); append(contentsOf: payload); endAttribute(s)
    }
    @inlinable public mutating func attribute(_ type: UInt16, bytes payload: [UInt8]) {
        payload.withUnsafeBytes { attribute(type, rawBytes: $0) }
    }
    /// An attribute whose payload is `payload`'s bytes, copied at once.
    @inlinable public mutating func attribute(_ type: UInt16, rawBytes payload: UnsafeRawBufferPointer) {
        fixedAttribute(type, size: payload.count) { dst in
            if let from = payload.baseAddress { dst.copyMemory(from: from, byteCount: payload.count) }
        }
    }
    @inlinable public mutating func attribute(_ type: UInt16, mac: MACAddress) {
        fixedAttribute(type, size: 6) {
            $0.storeBytes(of: UInt32(truncatingIfNeeded: mac.integer >> 16).bigEndian, as: UInt32.self)
            $0.storeBytes(of: UInt16(truncatingIfNeeded: mac.integer).bigEndian, toByteOffset: 4, as: UInt16.self)
        }
    }
    @inlinable public mutating func attribute(_ type: UInt16, ipv4: IPv4Address) {
        attribute(type, bigEndian32: ipv4.rawValue)
    }
    @inlinable public mutating func attribute(_ type: UInt16, ipv6: IPv6Address) {
        fixedAttribute(type, size: 16) {
            $0.storeBytes(of: ipv6.high.bigEndian, as: UInt64.self)
            $0.storeBytes(of: ipv6.low.bigEndian, toByteOffset: 8, as: UInt64.self)
        }
    }
    @inlinable public mutating func attribute(_ type: UInt16, ip: IPAddress) {
        switch ip {
        case .v4(let a): attribute(type, ipv4: a)
        case .v6(let a): attribute(type, ipv6: a)
        }
    }
    /// A flag attribute: header only.
    @inlinable public mutating func attribute(_ type: UInt16) {
        fixedAttribute(type, size: 0) { _ in }
    }
    /// A NUL-terminated string attribute (NLA_NUL_STRING / NLA_STRING as iproute2 sends it).
    @inlinable public mutating func attribute(_ type: UInt16, string: String) {
        var text = string
        let s = beginAttribute(type)
        text.withUTF8 { appendRaw(UnsafeRawBufferPointer($0)) }
        append(UInt8(0))
        endAttribute(s)
    }
    /// A string attribute without the terminating NUL.
    @inlinable public mutating func attribute(_ type: UInt16, unterminatedString string: String) {
        var text = string
        let s = beginAttribute(type)
        text.withUTF8 { appendRaw(UnsafeRawBufferPointer($0)) }
        endAttribute(s)
    }
}
