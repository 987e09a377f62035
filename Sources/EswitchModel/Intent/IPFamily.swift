/// An IP address family; also the `ethertype` of a security group rule.
public enum IPFamily: String, Hashable, Sendable, Comparable, CaseIterable, IntentKeyword {
    case ipv4 = "IPv4"
    case ipv6 = "IPv6"

    /// The number of bits in an address of this family.
    public var addressBits: Int { self == .ipv4 ? 32 : 128 }

    public static func < (a: IPFamily, b: IPFamily) -> Bool { a == .ipv4 && b == .ipv6 }
}

extension IPAddress {
    /// The family of this address.
    public var family: IPFamily {
        switch self {
        case .v4: return .ipv4
        case .v6: return .ipv6
        }
    }
}
