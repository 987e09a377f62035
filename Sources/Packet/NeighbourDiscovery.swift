/// ICMPv6 neighbour solicitations and advertisements (RFC 4861 §4.3, §4.4) over Ethernet:
/// writers for the slow path's answers and for test traffic.
public enum NeighbourDiscovery {
    /// ICMPv6 type of a neighbour solicitation.
    public static let solicitationType: UInt8 = 135
    /// ICMPv6 type of a neighbour advertisement.
    public static let advertisementType: UInt8 = 136

    /// The flags byte of an advertisement (RFC 4861 §4.4).
    public struct AdvertisementFlags: OptionSet, Sendable {
        public var rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// The sender is a router.
        public static let router = AdvertisementFlags(rawValue: 0x80)
        /// The advertisement answers a solicitation.
        public static let solicited = AdvertisementFlags(rawValue: 0x40)
        /// The receiver replaces a cached link-layer address.
        public static let override = AdvertisementFlags(rawValue: 0x20)
    }

    /// One IPv6 address as the two host-order halves ``FlowKey`` uses.
    public struct Address: Hashable, Sendable {
        public var high: UInt64
        public var low: UInt64
        @inlinable public init(high: UInt64, low: UInt64) {
            self.high = high
            self.low = low
        }

        /// `::`, the source of a duplicate address detection probe.
        public static let unspecified = Address(high: 0, low: 0)
        /// `ff02::1`, all nodes on the link.
        public static let allNodes = Address(high: 0xFF02_0000_0000_0000, low: 1)

        /// The solicited-node multicast address of this address (RFC 4291 §2.7.1: ff02::1:ffXX:XXXX).
        @inlinable public var solicitedNode: Address {
            Address(high: 0xFF02_0000_0000_0000, low: 0x0000_0001_FF00_0000 | (low & 0x00FF_FFFF))
        }

        /// The Ethernet multicast MAC of an IPv6 multicast address (RFC 2464 §7: 33:33 + low 32 bits).
        @inlinable public var multicastMAC: UInt64 { 0x3333_0000_0000 | (low & 0xFFFF_FFFF) }
    }

    /// Length of an ND message with one link-layer option: Ethernet, IPv6, 24 bytes of ICMPv6
    /// and 8 bytes of option.
    public static let messageLength = 14 + 40 + 24 + 8

    /// Replaces `frame`'s bytes with a complete ND message carrying one link-layer address option
    /// (source for a solicitation, target for an advertisement), hop limit 255 (RFC 4861 §7.1.1)
    /// and a valid ICMPv6 checksum. Allocates nothing when `frame` has the capacity.
    @inlinable
    public static func write(_ frame: inout [UInt8], type: UInt8, flags: AdvertisementFlags = [], dstMAC: UInt64, srcMAC: UInt64,
                             source: Address, destination: Address, target: Address, linkLayer: UInt64) {
        frame.removeAll(keepingCapacity: true)
        frame.append(contentsOf: repeatElement(0, count: messageLength))
        frame.putMAC(dstMAC, at: 0)
        frame.putMAC(srcMAC, at: 6)
        frame.put16(0x86DD, at: 12)
        let ip = 14
        frame[ip] = 0x60
        frame.put16(32, at: ip + 4)
        frame[ip + 6] = 58
        frame[ip + 7] = 255
        frame.put64(source.high, at: ip + 8); frame.put64(source.low, at: ip + 16)
        frame.put64(destination.high, at: ip + 24); frame.put64(destination.low, at: ip + 32)
        let icmp = ip + 40
        frame[icmp] = type
        if type == advertisementType { frame[icmp + 4] = flags.rawValue }
        frame.put64(target.high, at: icmp + 8); frame.put64(target.low, at: icmp + 16)
        frame[icmp + 24] = type == solicitationType ? 1 : 2
        frame[icmp + 25] = 1
        frame.putMAC(linkLayer, at: icmp + 26)
        var key = FlowKey()
        key.networkType = 0x86DD
        key.networkOffset = ip
        key.transportOffset = icmp
        key.ipProto = 58
        FrameEditor.recomputeTransportChecksum(&frame, key: key)
    }

    /// Replaces a parsed neighbour solicitation (`key`) with the advertisement that answers it for
    /// a node whose MAC is `ownerMAC`: solicited and override, to the solicitor (or to all nodes
    /// when it probed from `::`), RFC 4861 §7.2.4.
    /// - Returns: false when `key` is not a neighbour solicitation.
    @inlinable
    public static func makeAdvertisement(_ frame: inout [UInt8], solicitation key: FlowKey, ownerMAC: UInt64, router: Bool) -> Bool {
        guard key.isIPv6, key.ipProto == 58, key.icmpType == solicitationType, key.transportOffset >= 0 else { return false }
        let solicitor = Address(high: key.srcIPv6High, low: key.srcIPv6Low)
        let target = Address(high: key.ndTargetHigh, low: key.ndTargetLow)
        var flags: AdvertisementFlags = [.override]
        if router { flags.insert(.router) }
        let destination: Address, dstMAC: UInt64
        if solicitor == .unspecified {
            destination = .allNodes
            dstMAC = Address.allNodes.multicastMAC
        } else {
            flags.insert(.solicited)
            destination = solicitor
            dstMAC = key.ndLinkLayer != 0 ? key.ndLinkLayer : key.srcMAC
        }
        write(&frame, type: advertisementType, flags: flags, dstMAC: dstMAC, srcMAC: ownerMAC, source: target,
              destination: destination, target: target, linkLayer: ownerMAC)
        return true
    }
}
