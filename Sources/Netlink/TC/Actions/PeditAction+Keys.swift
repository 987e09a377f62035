import EswitchModel

/// One pedit edit as a whole: the selector key plus its header type and command (the two halves
/// iproute2 sends in TCA_PEDIT_PARMS_EX and TCA_PEDIT_KEYS_EX).
public struct PeditKey: Hashable, Sendable, Codable {
    public var header: PeditHeaderType
    public var command: PeditCommand
    public var key: PeditSelectorKey

    /// A key from its two halves.
    public init(header: PeditHeaderType, command: PeditCommand, key: PeditSelectorKey) {
        self.header = header
        self.command = command
        self.key = key
    }

    /// Width of a field iproute2 packs into one 32-bit key (`u8`, `u16`, `u32`).
    public enum FieldWidth: Int, Hashable, Sendable {
        case u8 = 1, u16 = 2, u32 = 4
    }

    /// A field of `width` bytes at byte `offset` of `header`, packed into its aligned 32-bit word
    /// the way iproute2's `munge offset N uX set|add V [retain R]` does: the word offset is
    /// rounded down to 4, value and `retain` are shifted to the field's place, and the mask keeps
    /// every other bit. Nil where iproute2 refuses (a u16 at offset 3 mod 4, an unaligned u32).
    public static func field(
        _ header: PeditHeaderType, offset: Int32, width: FieldWidth, _ command: PeditCommand, _ value: UInt32, retain: UInt32? = nil
    ) -> PeditKey? {
        let ones: UInt32 = width == .u32 ? .max : (1 << (8 * UInt32(width.rawValue))) - 1
        let retain = retain ?? ones
        guard value <= ones else { return nil }
        let index = Int(offset & 3)
        let word = offset & ~3
        switch width {
        case .u32:
            guard index == 0 else { return nil }
            return PeditKey(header: header, command: command, key: PeditSelectorKey(mask: ~retain, value: value & retain, offset: word))
        case .u16:
            guard index < 3 else { return nil }
            let shift = UInt32(8 * (2 - index))
            let keep: [UInt32] = [0x0000_FFFF, 0xFF00_00FF, 0xFFFF_0000]
            return PeditKey(header: header, command: command, key: PeditSelectorKey(
                mask: (~retain << shift) | keep[index], value: (value & retain) << shift, offset: word))
        case .u8:
            let shift = UInt32(8 * (3 - index))
            let keep: [UInt32] = [0x00FF_FFFF, 0xFF00_FFFF, 0xFFFF_00FF, 0xFFFF_FF00]
            return PeditKey(header: header, command: command, key: PeditSelectorKey(
                mask: (~retain << shift) | keep[index], value: (value & retain) << shift, offset: word))
        }
    }

    /// `field` for the fixed fields below, whose offsets and widths are always valid.
    static func fixed(_ header: PeditHeaderType, _ offset: Int32, _ width: FieldWidth, _ command: PeditCommand, _ value: UInt32) -> PeditKey {
        field(header, offset: offset, width: width, command, value) ?? PeditKey(header: header, command: command, key: PeditSelectorKey(mask: 0, value: 0, offset: offset))
    }

    /// A MAC at byte `offset` of the Ethernet header as iproute2 packs it: at offset 0 a u32 then
    /// a u16 key, at offset 6 a u16 then a u32 key.
    static func mac(_ mac: MACAddress, at offset: Int32) -> [PeditKey] {
        let b = mac.array
        let first4 = UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
        let last2 = UInt32(b[4]) << 8 | UInt32(b[5])
        let first2 = UInt32(b[0]) << 8 | UInt32(b[1])
        let last4 = UInt32(b[2]) << 24 | UInt32(b[3]) << 16 | UInt32(b[4]) << 8 | UInt32(b[5])
        if offset & 3 == 0 {
            return [fixed(.eth, offset, .u32, .set, first4), fixed(.eth, offset + 4, .u16, .set, last2)]
        }
        return [fixed(.eth, offset, .u16, .set, first2), fixed(.eth, (offset & ~3) + 4, .u32, .set, last4)]
    }
}

/// A header rewrite as iproute2's `pedit ex munge` words say it; ``keys`` gives exactly the keys
/// iproute2 sends for it.
public enum PeditMunge: Hashable, Sendable {
    /// `munge eth dst set MAC`.
    case ethernetDestination(MACAddress)
    /// `munge eth src set MAC`.
    case ethernetSource(MACAddress)
    /// `munge ip src set A`.
    case ipv4Source(IPv4Address)
    /// `munge ip dst set A`.
    case ipv4Destination(IPv4Address)
    /// `munge ip ttl set N`.
    case ipv4TTL(UInt8)
    /// `munge ip ttl dec` = `munge ip ttl add 255` (the byte wraps).
    case ipv4TTLDecrement
    /// `munge ip tos set N`.
    case ipv4TOS(UInt8)
    /// `munge ip6 src set A`.
    case ipv6Source(IPv6Address)
    /// `munge ip6 dst set A`.
    case ipv6Destination(IPv6Address)
    /// `munge ip6 hoplimit dec` = `add 255`.
    case ipv6HopLimitDecrement
    /// `munge tcp sport set P`.
    case tcpSourcePort(UInt16)
    /// `munge tcp dport set P`.
    case tcpDestinationPort(UInt16)
    /// `munge udp sport set P`.
    case udpSourcePort(UInt16)
    /// `munge udp dport set P`.
    case udpDestinationPort(UInt16)

    /// The selector keys with header types, in iproute2's order.
    public var keys: [PeditKey] {
        switch self {
        case .ethernetDestination(let mac): return PeditKey.mac(mac, at: 0)
        case .ethernetSource(let mac): return PeditKey.mac(mac, at: 6)
        case .ipv4Source(let ip): return [PeditKey.fixed(.ip4, 12, .u32, .set, ip.rawValue)]
        case .ipv4Destination(let ip): return [PeditKey.fixed(.ip4, 16, .u32, .set, ip.rawValue)]
        case .ipv4TTL(let ttl): return [PeditKey.fixed(.ip4, 8, .u8, .set, UInt32(ttl))]
        case .ipv4TTLDecrement: return [PeditKey.fixed(.ip4, 8, .u8, .add, 0xFF)]
        case .ipv4TOS(let tos): return [PeditKey.fixed(.ip4, 1, .u8, .set, UInt32(tos))]
        case .ipv6Source(let ip): return Self.ipv6(ip, at: 8)
        case .ipv6Destination(let ip): return Self.ipv6(ip, at: 24)
        case .ipv6HopLimitDecrement: return [PeditKey.fixed(.ip6, 7, .u8, .add, 0xFF)]
        case .tcpSourcePort(let port): return [PeditKey.fixed(.tcp, 0, .u16, .set, UInt32(port))]
        case .tcpDestinationPort(let port): return [PeditKey.fixed(.tcp, 2, .u16, .set, UInt32(port))]
        case .udpSourcePort(let port): return [PeditKey.fixed(.udp, 0, .u16, .set, UInt32(port))]
        case .udpDestinationPort(let port): return [PeditKey.fixed(.udp, 2, .u16, .set, UInt32(port))]
        }
    }

    static func ipv6(_ ip: IPv6Address, at offset: Int32) -> [PeditKey] {
        let words = [UInt32(truncatingIfNeeded: ip.high >> 32), UInt32(truncatingIfNeeded: ip.high),
                     UInt32(truncatingIfNeeded: ip.low >> 32), UInt32(truncatingIfNeeded: ip.low)]
        return words.enumerated().map { i, w in PeditKey.fixed(.ip6, offset + Int32(4 * i), .u32, .set, w) }
    }
}

extension TCActionOptionList where Attribute == PeditAttribute {
    /// `pedit ex munge ... [verdict]`: the extended form with these keys (TCA_PEDIT_PARMS_EX, then
    /// TCA_PEDIT_KEYS_EX with NLA_F_NESTED, as iproute2 sends). iproute2's default verdict is pass.
    public static func keys(_ keys: [PeditKey], verdict: TCVerdict = .pass, index: UInt32 = 0) -> PeditOptions {
        PeditOptions([
            .extendedParameters(PeditSelector(common: TCActionCommon(verdict: verdict, index: index), keys: keys.map(\.key))),
            .extendedKeys(keys.map { PeditKeyType(header: $0.header, command: $0.command) }, nestedFlag: true),
        ])
    }

    /// `pedit ex munge <edit> munge <edit> ... [verdict]`.
    public static func munge(_ edits: [PeditMunge], verdict: TCVerdict = .pass, index: UInt32 = 0) -> PeditOptions {
        keys(edits.flatMap(\.keys), verdict: verdict, index: index)
    }

    /// The selector (extended or legacy), if present.
    public var selector: PeditSelector? {
        for a in attributes {
            if case .extendedParameters(let s) = a { return s }
            if case .parameters(let s) = a { return s }
        }
        return nil
    }

    /// The keys with their header types and commands: legacy keys count from the network header
    /// and set; extended keys take TCA_PEDIT_KEYS_EX. Nil when there is no selector or the two
    /// halves disagree in count.
    public var keys: [PeditKey]? {
        var legacy: PeditSelector?
        var extended: PeditSelector?
        var types: [PeditKeyType]?
        for a in attributes {
            switch a {
            case .parameters(let s): legacy = s
            case .extendedParameters(let s): extended = s
            case .extendedKeys(let t, _): types = t
            default: break
            }
        }
        if let extended {
            guard let types, types.count == extended.keys.count else { return nil }
            return zip(extended.keys, types).map { PeditKey(header: $1.header, command: $1.command, key: $0) }
        }
        return legacy.map { $0.keys.map { PeditKey(header: .network, command: .set, key: $0) } }
    }
}
