import EswitchModel

extension ClassifierMatch {
    /// Why a rule's match cannot be classified.
    public enum Unsupported: Error, Hashable, Sendable, CustomStringConvertible {
        /// The chain does not fit the key's 16-bit chain field.
        case chainOutOfRange(UInt32)

        public var description: String {
            switch self {
            case .chainOutOfRange(let chain): return "chain \(chain) is beyond 65535"
            }
        }
    }

    /// The match of a compiled rule's `FlowMatch` on ingress `ingress` (the datapath's number for
    /// the rule's `RuleIngress`) in `chain`.
    /// - Throws: ``Unsupported`` when the chain is out of range.
    public init(_ flow: FlowMatch, ingress: UInt32, chain: UInt32) throws {
        guard chain <= UInt32(UInt16.max) else { throw Unsupported.chainOutOfRange(chain) }
        self.init()
        require(word: KeyWord.meta, value: UInt64(ingress) << 32 | UInt64(chain) << 16, mask: 0xFFFF_FFFF_FFFF_0000)
        if let state = flow.connectionState {
            let bits = state.set.rawValue | state.clear.rawValue
            require(word: KeyWord.meta, value: UInt64(state.set.rawValue) << 8, mask: UInt64(bits) << 8)
        }
        if let proto = flow.ipProtocol { require(word: KeyWord.meta, value: UInt64(proto), mask: 0xFF) }
        if let type = flow.etherType { require(word: KeyWord.ethernetDestination, value: UInt64(type) << 48, mask: 0xFFFF << 48) }
        if let mac = flow.ethDestination { require(word: KeyWord.ethernetDestination, value: mac.value.integer, mask: mac.mask.integer) }
        if let mac = flow.ethSource { require(word: KeyWord.ethernetSource, value: mac.value.integer, mask: mac.mask.integer) }
        if let vlan = flow.vlanID {
            require(word: KeyWord.ethernetSource, value: (KeyWord.vlanPresent | UInt64(vlan & 0x0FFF)) << 48, mask: 0x1FFF << 48)
        }
        if let ip = flow.ipv4Source { require(word: KeyWord.ipv4, value: UInt64(ip.value.rawValue) << 32, mask: UInt64(ip.mask.rawValue) << 32) }
        if let ip = flow.ipv4Destination { require(word: KeyWord.ipv4, value: UInt64(ip.value.rawValue), mask: UInt64(ip.mask.rawValue)) }
        if let ip = flow.ipv6Source {
            require(word: KeyWord.ipv6SourceHigh, value: ip.value.high, mask: ip.mask.high)
            require(word: KeyWord.ipv6SourceLow, value: ip.value.low, mask: ip.mask.low)
        }
        if let ip = flow.ipv6Destination {
            require(word: KeyWord.ipv6DestinationHigh, value: ip.value.high, mask: ip.mask.high)
            require(word: KeyWord.ipv6DestinationLow, value: ip.value.low, mask: ip.mask.low)
        }
        if let port = flow.sourcePort { require(word: KeyWord.transport, value: UInt64(port.value) << 48, mask: UInt64(port.mask) << 48) }
        if let port = flow.destinationPort { require(word: KeyWord.transport, value: UInt64(port.value) << 32, mask: UInt64(port.mask) << 32) }
        if let type = flow.icmpType { require(word: KeyWord.transport, value: UInt64(type) << 24, mask: 0xFF << 24) }
        if let code = flow.icmpCode { require(word: KeyWord.transport, value: UInt64(code) << 16, mask: 0xFF << 16) }
        let tunnel = flow.tunnelID != nil || flow.tunnelSource != nil || flow.tunnelDestination != nil || flow.tunnelDestinationPort != nil
        if tunnel { require(word: KeyWord.tunnel, value: KeyWord.tunnelPresent << 56, mask: 0xFF << 56) }
        if let vni = flow.tunnelID { require(word: KeyWord.tunnel, value: UInt64(vni.rawValue & 0xFF_FFFF) << 32, mask: 0xFF_FFFF << 32) }
        if let port = flow.tunnelDestinationPort { require(word: KeyWord.transport, value: UInt64(port), mask: 0xFFFF) }
        switch flow.tunnelSource {
        case .v4(let a)?: require(word: KeyWord.tunnel, value: UInt64(a.rawValue), mask: 0xFFFF_FFFF)
        case .v6(let a)?:
            require(word: KeyWord.tunnelIPv6SourceHigh, value: a.high, mask: .max)
            require(word: KeyWord.tunnelIPv6SourceLow, value: a.low, mask: .max)
        case nil: break
        }
        switch flow.tunnelDestination {
        case .v4(let a)?: require(word: KeyWord.tunnelIPv4Destination, value: UInt64(a.rawValue) << 32, mask: 0xFFFF_FFFF << 32)
        case .v6(let a)?:
            require(word: KeyWord.tunnelIPv6DestinationHigh, value: a.high, mask: .max)
            require(word: KeyWord.tunnelIPv6DestinationLow, value: a.low, mask: .max)
        case nil: break
        }
    }
}
