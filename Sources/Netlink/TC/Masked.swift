import EswitchModel

/// A match value with an optional mask, as flower keys come in pairs (TCA_FLOWER_KEY_X and
/// TCA_FLOWER_KEY_X_MASK). A nil mask sends the key alone (the kernel then matches it exactly);
/// iproute2 sends an all-ones mask for MACs and IPs given without a prefix, which ``exact(_:)``
/// reproduces.
public struct Masked<Value: Hashable & Sendable>: Hashable, Sendable {
    /// The key.
    public var value: Value
    /// The mask, or nil to send the key alone.
    public var mask: Value?

    /// A key, with its mask or none.
    public init(_ value: Value, mask: Value? = nil) {
        self.value = value
        self.mask = mask
    }
}

extension Masked where Value == MACAddress {
    /// The address with an ff:ff:ff:ff:ff:ff mask (`dst_mac 02:00:00:00:00:01`).
    public static func exact(_ mac: MACAddress) -> Masked { Masked(mac, mask: .broadcast) }
}

extension Masked where Value == IPv4Address {
    /// The address with a 255.255.255.255 mask.
    public static func exact(_ ip: IPv4Address) -> Masked { Masked(ip, mask: IPv4Address(rawValue: .max)) }
}

extension Masked where Value == IPAddress {
    /// The address with an all-ones mask of its family (`dst_ip 10.0.0.2`).
    public static func exact(_ ip: IPAddress) -> Masked {
        switch ip {
        case .v4: Masked(ip, mask: .v4(IPv4Address(rawValue: .max)))
        case .v6: Masked(ip, mask: .v6(IPv6Address(high: .max, low: .max)))
        }
    }

    /// The address with a prefix mask (`src_ip 192.168.1.0/24`); nil when the length is out of range
    /// for the family. The address is sent as given, host bits included, as iproute2 does.
    public static func prefix(_ ip: IPAddress, length: Int) -> Masked? {
        switch ip {
        case .v4:
            guard (0...32).contains(length) else { return nil }
            return Masked(ip, mask: .v4(IPv4Address.mask(prefixLength: length)))
        case .v6:
            guard (0...128).contains(length) else { return nil }
            return Masked(ip, mask: .v6(IPv6Address.mask(prefixLength: length)))
        }
    }
}
