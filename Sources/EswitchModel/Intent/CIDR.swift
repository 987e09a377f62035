/// An IPv4 or IPv6 prefix in CIDR notation (`10.0.0.0/24`, `2001:db8::/64`).
///
/// The address is kept as written, so validation can report host bits that are set
/// (`10.0.0.1/24`) instead of silently masking them.
public struct CIDR: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The address as written (may have host bits set; see `hasHostBits`).
    public let address: IPAddress
    /// The number of leading bits that form the prefix (0...32 or 0...128).
    public let prefixLength: Int

    /// Creates a prefix; nil when the length does not fit the address family.
    public init?(address: IPAddress, prefixLength: Int) {
        guard prefixLength >= 0, prefixLength <= address.family.addressBits else { return nil }
        self.address = address
        self.prefixLength = prefixLength
    }

    /// Parses `address/length`; nil when malformed (see `parseProblem` for why).
    public init?(_ text: String) {
        guard case .success(let cidr) = CIDR.parse(text) else { return nil }
        self = cidr
    }

    /// The address family.
    public var family: IPFamily { address.family }

    /// The first address of the prefix (host bits cleared).
    public var networkAddress: IPAddress {
        switch address {
        case .v4(let a): return .v4(IPv4Address(rawValue: a.rawValue & IPv4Address.mask(prefixLength: prefixLength).rawValue))
        case .v6(let a):
            let m = IPv6Address.mask(prefixLength: prefixLength)
            return .v6(IPv6Address(high: a.high & m.high, low: a.low & m.low))
        }
    }

    /// The last address of the prefix (host bits set); the broadcast address for IPv4.
    public var lastAddress: IPAddress {
        switch address {
        case .v4(let a): return .v4(IPv4Address(rawValue: a.rawValue | ~IPv4Address.mask(prefixLength: prefixLength).rawValue))
        case .v6(let a):
            let m = IPv6Address.mask(prefixLength: prefixLength)
            return .v6(IPv6Address(high: a.high | ~m.high, low: a.low | ~m.low))
        }
    }

    /// The same prefix with host bits cleared.
    public var network: CIDR { CIDR(uncheckedAddress: networkAddress, prefixLength: prefixLength) }

    /// True when the written address has bits set beyond the prefix (`10.0.0.1/24`).
    public var hasHostBits: Bool { address != networkAddress }

    /// True when `ip` is of the same family and inside the prefix. A /0 contains every address of
    /// its family; a /32 (or /128) only its own address.
    public func contains(_ ip: IPAddress) -> Bool {
        switch (address, ip) {
        case (.v4(let a), .v4(let b)):
            let m = IPv4Address.mask(prefixLength: prefixLength).rawValue
            return a.rawValue & m == b.rawValue & m
        case (.v6(let a), .v6(let b)):
            let m = IPv6Address.mask(prefixLength: prefixLength)
            return a.high & m.high == b.high & m.high && a.low & m.low == b.low & m.low
        default:
            return false
        }
    }

    /// True when every address of `other` is inside this prefix.
    public func contains(_ other: CIDR) -> Bool {
        other.prefixLength >= prefixLength && contains(other.address)
    }

    /// True when the two prefixes share at least one address (for prefixes, one then contains the other).
    public func overlaps(_ other: CIDR) -> Bool { contains(other) || other.contains(self) }

    /// `address/length`, with the address as written.
    public var description: String { "\(address)/\(prefixLength)" }

    /// Orders by family, then network address, then prefix length (shorter first).
    public static func < (a: CIDR, b: CIDR) -> Bool {
        let ka = a.networkAddress.intentSortKey, kb = b.networkAddress.intentSortKey
        if ka != kb { return ka < kb }
        if a.prefixLength != b.prefixLength { return a.prefixLength < b.prefixLength }
        return a.address.intentSortKey < b.address.intentSortKey
    }

    init(uncheckedAddress address: IPAddress, prefixLength: Int) {
        self.address = address
        self.prefixLength = prefixLength
    }
}
