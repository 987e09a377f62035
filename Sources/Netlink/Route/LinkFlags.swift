/// `ifi_flags` / `ifi_change`: IFF_* device flag bits (linux/if.h). A request sets `up` by putting
/// it in both the flags and the change mask, and clears it with the bit in the change mask only.
public struct LinkFlags: OptionSet, Hashable, Sendable, Codable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let up = LinkFlags(rawValue: IFF.up)
    public static let broadcast = LinkFlags(rawValue: IFF.broadcast)
    public static let debug = LinkFlags(rawValue: IFF.debug)
    public static let loopback = LinkFlags(rawValue: IFF.loopback)
    public static let pointToPoint = LinkFlags(rawValue: IFF.pointopoint)
    public static let noTrailers = LinkFlags(rawValue: IFF.notrailers)
    public static let running = LinkFlags(rawValue: IFF.running)
    public static let noARP = LinkFlags(rawValue: IFF.noarp)
    public static let promiscuous = LinkFlags(rawValue: IFF.promisc)
    public static let allMulticast = LinkFlags(rawValue: IFF.allmulti)
    public static let master = LinkFlags(rawValue: IFF.master)
    public static let slave = LinkFlags(rawValue: IFF.slave)
    public static let multicast = LinkFlags(rawValue: IFF.multicast)
    public static let portSelect = LinkFlags(rawValue: IFF.portsel)
    public static let autoMedia = LinkFlags(rawValue: IFF.automedia)
    public static let dynamic = LinkFlags(rawValue: IFF.dynamic)
    public static let lowerUp = LinkFlags(rawValue: IFF.lowerUp)
    public static let dormant = LinkFlags(rawValue: IFF.dormant)
    public static let echo = LinkFlags(rawValue: IFF.echo)

    /// JSON words: iproute2's flag names, lower-case.
    static let names: [(String, UInt64)] = [
        ("up", UInt64(IFF.up)), ("broadcast", UInt64(IFF.broadcast)), ("debug", UInt64(IFF.debug)),
        ("loopback", UInt64(IFF.loopback)), ("pointopoint", UInt64(IFF.pointopoint)),
        ("notrailers", UInt64(IFF.notrailers)), ("running", UInt64(IFF.running)), ("noarp", UInt64(IFF.noarp)),
        ("promisc", UInt64(IFF.promisc)), ("allmulti", UInt64(IFF.allmulti)), ("master", UInt64(IFF.master)),
        ("slave", UInt64(IFF.slave)), ("multicast", UInt64(IFF.multicast)), ("portsel", UInt64(IFF.portsel)),
        ("automedia", UInt64(IFF.automedia)), ("dynamic", UInt64(IFF.dynamic)), ("lower_up", UInt64(IFF.lowerUp)),
        ("dormant", UInt64(IFF.dormant)), ("echo", UInt64(IFF.echo)),
    ]

    public init(from decoder: Decoder) throws {
        rawValue = UInt32(try BitNames.decode(decoder, names: Self.names, width: 32))
    }
    public func encode(to encoder: Encoder) throws {
        try BitNames.encode(UInt64(rawValue), names: Self.names, to: encoder)
    }
}
