import Packet

/// The identity of one direction of a connection: zone, protocol, addresses and ports (for ICMP
/// echo the identifier stands in both port fields, so a request and its reply reverse into each
/// other). IPv4 addresses sit in the low words.
public struct ConnectionTuple: Hashable, Sendable, CustomStringConvertible {
    public var zone: UInt16
    public var proto: UInt8
    public var isIPv6: Bool
    public var sourceHigh: UInt64
    public var sourceLow: UInt64
    public var destinationHigh: UInt64
    public var destinationLow: UInt64
    public var sourcePort: UInt16
    public var destinationPort: UInt16

    public init(zone: UInt16, proto: UInt8, isIPv6: Bool = false, sourceHigh: UInt64 = 0, sourceLow: UInt64, destinationHigh: UInt64 = 0,
                destinationLow: UInt64, sourcePort: UInt16, destinationPort: UInt16) {
        self.zone = zone
        self.proto = proto
        self.isIPv6 = isIPv6
        self.sourceHigh = sourceHigh
        self.sourceLow = sourceLow
        self.destinationHigh = destinationHigh
        self.destinationLow = destinationLow
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
    }

    /// The tuple of a parsed IP frame in `zone`; nil for frames without an IP header (and for
    /// later fragments, which carry no ports).
    public init?(_ flow: FlowKey, zone: UInt16) {
        guard (flow.isIPv4 && !flow.isLaterFragment) || flow.isIPv6 else { return nil }
        var ports: (UInt16, UInt16) = (0, 0)
        switch flow.ipProto {
        case 6, 17, 132:
            guard flow.transportOffset >= 0 else { return nil }
            ports = (flow.srcPort, flow.dstPort)
        case 1, 58:
            ports = (flow.icmpIdentifier, flow.icmpIdentifier)
        default:
            break
        }
        if flow.isIPv4 {
            self.init(zone: zone, proto: flow.ipProto, sourceLow: UInt64(flow.srcIPv4), destinationLow: UInt64(flow.dstIPv4),
                      sourcePort: ports.0, destinationPort: ports.1)
        } else {
            self.init(zone: zone, proto: flow.ipProto, isIPv6: true, sourceHigh: flow.srcIPv6High, sourceLow: flow.srcIPv6Low,
                      destinationHigh: flow.dstIPv6High, destinationLow: flow.dstIPv6Low, sourcePort: ports.0, destinationPort: ports.1)
        }
    }

    /// The other direction.
    public var reversed: ConnectionTuple {
        ConnectionTuple(zone: zone, proto: proto, isIPv6: isIPv6, sourceHigh: destinationHigh, sourceLow: destinationLow,
                        destinationHigh: sourceHigh, destinationLow: sourceLow, sourcePort: destinationPort, destinationPort: sourcePort)
    }

    /// True for ICMP/ICMPv6 (the ports are an echo identifier).
    public var isICMP: Bool { proto == 1 || proto == 58 }

    public var description: String {
        func address(_ high: UInt64, _ low: UInt64) -> String {
            isIPv6 ? String(high, radix: 16) + ":" + String(low, radix: 16)
                : "\(low >> 24 & 255).\(low >> 16 & 255).\(low >> 8 & 255).\(low & 255)"
        }
        return "zone \(zone) proto \(proto) \(address(sourceHigh, sourceLow)):\(sourcePort) > \(address(destinationHigh, destinationLow)):\(destinationPort)"
    }
}
