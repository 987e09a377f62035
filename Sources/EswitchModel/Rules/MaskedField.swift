/// A value with a mask: a match field where only the mask's set bits must equal.
public struct MaskedField<Value: Hashable & Sendable>: Hashable, Sendable {
    public var value: Value
    public var mask: Value

    @inlinable public init(_ value: Value, mask: Value) {
        self.value = value
        self.mask = mask
    }
}

extension MaskedField where Value == MACAddress {
    /// An exact MAC match.
    @inlinable public static func exact(_ mac: MACAddress) -> MaskedField { MaskedField(mac, mask: .broadcast) }
    /// True when the mask is all ones.
    @inlinable public var isExact: Bool { mask == .broadcast }
}

extension MaskedField where Value == IPv4Address {
    /// An exact IPv4 match (/32).
    @inlinable public static func exact(_ ip: IPv4Address) -> MaskedField { MaskedField(ip, mask: IPv4Address(rawValue: .max)) }
    /// A prefix match.
    public static func prefix(_ ip: IPv4Address, length: Int) -> MaskedField {
        let mask = IPv4Address.mask(prefixLength: length)
        return MaskedField(IPv4Address(rawValue: ip.rawValue & mask.rawValue), mask: mask)
    }
    @inlinable public var isExact: Bool { mask.rawValue == .max }
}

extension MaskedField where Value == IPv6Address {
    /// An exact IPv6 match (/128).
    @inlinable public static func exact(_ ip: IPv6Address) -> MaskedField { MaskedField(ip, mask: IPv6Address(high: .max, low: .max)) }
    /// A prefix match.
    public static func prefix(_ ip: IPv6Address, length: Int) -> MaskedField {
        let mask = IPv6Address.mask(prefixLength: length)
        return MaskedField(IPv6Address(high: ip.high & mask.high, low: ip.low & mask.low), mask: mask)
    }
    @inlinable public var isExact: Bool { mask.high == .max && mask.low == .max }
}

extension MaskedField where Value: FixedWidthInteger {
    /// An exact integer match.
    @inlinable public static func exact(_ v: Value) -> MaskedField { MaskedField(v, mask: ~0) }
    /// True when the mask is all ones. (A bare `~0` here would be an Int compared through
    /// BinaryInteger's heterogeneous ==, and never equal.)
    @inlinable public var isExact: Bool { mask == ~Value(0) }
}
