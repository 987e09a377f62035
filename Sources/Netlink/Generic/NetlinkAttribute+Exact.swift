// Value readers that return nil instead of throwing when the payload does not have exactly the
// expected shape. Generic-netlink decoders keep such attributes as `unknown` bytes, so that
// decode -> encode stays byte-identical for any input.

extension NetlinkAttribute {
    /// The payload as a u8, nil unless it is exactly 1 byte.
    @inlinable var exactU8: UInt8? { payload.count == 1 ? payload[payload.startIndex] : nil }
    /// The payload as a host-order u16, nil unless it is exactly 2 bytes.
    @inlinable var exactU16: UInt16? { payload.count == 2 ? payload.readLE(UInt16.self, at: payload.startIndex) : nil }
    /// The payload as a host-order u32, nil unless it is exactly 4 bytes.
    @inlinable var exactU32: UInt32? { payload.count == 4 ? payload.readLE(UInt32.self, at: payload.startIndex) : nil }
    /// The payload as a host-order u64, nil unless it is exactly 8 bytes.
    @inlinable var exactU64: UInt64? { payload.count == 8 ? payload.readLE(UInt64.self, at: payload.startIndex) : nil }

    /// A u8 that is 0 or 1, as a Bool; nil otherwise.
    @inlinable var exactBool: Bool? {
        switch exactU8 {
        case 0: return false
        case 1: return true
        default: return nil
        }
    }

    /// Text followed by exactly one NUL (as the kernel and iproute2 write strings); nil when the NUL
    /// is missing, there is a NUL inside, or the text is not UTF-8, because re-encoding such a
    /// payload as a string would change its bytes.
    var exactString: String? {
        guard let last = payload.last, last == 0 else { return nil }
        let text = payload[payload.startIndex..<(payload.endIndex - 1)]
        guard !text.contains(0) else { return nil }
        return String(validating: text, as: UTF8.self)
    }

    /// The children of a nested attribute, each converted by `convert`; nil when the payload is
    /// not a well-formed attribute list that re-encodes to the same length (the last child padded)
    /// or when `convert` rejects a child.
    func exactNested<A>(_ convert: (NetlinkAttribute) -> A?) -> [A]? {
        guard payload.count % 4 == 0 else { return nil }
        var reader = nested()
        var out: [A] = []
        do {
            while let child = try reader.next() {
                guard let value = convert(child) else { return nil }
                out.append(value)
            }
        } catch {
            return nil
        }
        return out
    }
}
