/// The part of a netlink message after `struct nlmsghdr`, as a typed value.
public protocol NetlinkBody: Hashable, Sendable, Codable {
    /// Decodes a body; indices of `body` are offsets into the original buffer (for errors).
    init(decoding body: ArraySlice<UInt8>) throws(NetlinkDecodingError)
    /// Appends the body's bytes (fixed header, then attributes in order).
    func encode(into writer: inout NetlinkWriter)
}

extension NetlinkBody {
    /// Decodes a list of attributes with `decodeOne`, for bodies that are a fixed header + attributes.
    @inlinable public static func decodeAttributes<A>(
        _ bytes: ArraySlice<UInt8>, _ decodeOne: (NetlinkAttribute) throws(NetlinkDecodingError) -> A
    ) throws(NetlinkDecodingError) -> [A] {
        var reader = AttributeReader(bytes)
        var out: [A] = []
        out.reserveCapacity(AttributeReader.count(in: bytes))  // one allocation instead of growing
        while let attribute = try reader.next() { out.append(try decodeOne(attribute)) }
        return out
    }
}

extension ArraySlice where Element == UInt8 {
    /// Throws unless at least `n` bytes remain: names the struct that was cut short.
    @inlinable public func require(_ n: Int, for what: String) throws(NetlinkDecodingError) {
        guard count >= n else {
            throw NetlinkDecodingError(offset: startIndex, "truncated \(what): \(count) bytes, need \(n)")
        }
    }
    /// Host-order (little-endian) integer at absolute index.
    @inlinable public func readLE<T: FixedWidthInteger>(_ t: T.Type, at index: Int) -> T { loadLittleEndian(t, at: index) }
    /// Network-order integer at absolute index.
    @inlinable public func readBE<T: FixedWidthInteger>(_ t: T.Type, at index: Int) -> T { loadBigEndian(t, at: index) }
}
