import EswitchCompiler
import EswitchModel

/// The kinds of change the compiler benchmark times, each with the change that undoes it.
enum DeltaKind: String, CaseIterable {
    case portAdded = "port added"
    case portRemoved = "port removed"
    case portMoved = "port moved"
    case endpointChanged = "remote endpoint moved"
    case securityGroupRuleChanged = "SG rule added or removed"

    /// The change on network `i` (a port, endpoint or tenant group there) and its undo. Ports
    /// alternate between this node's and other nodes'.
    func change(network: Int, sample: Int, in state: ValidatedNetworkState) -> (IntentChange, IntentChange) {
        // Every fourth network's local port has a floating IP, which its removal takes along.
        let i = self == .portRemoved && network % 4 == 0 ? network + 1 : network
        let local = sample % 2 == 0
        let index = (0..<BenchmarkWorld.portsPerNetwork).first { (BenchmarkWorld.nodeIndex(network: i, index: $0) == 0) == local }!
        let port = state.port(BenchmarkWorld.portID(network: i, index: index))!
        switch self {
        case .portAdded, .portRemoved:
            var added = port
            added.id = PortID(BenchmarkWorld.uuid(0x9048, i))
            added.mac = MACAddress(integer: 0x5254_0200_0000 | UInt64(i))
            added.fixedIPs = [FixedIP(subnet: port.fixedIPs[0].subnet, ip: BenchmarkWorld.ipv4(network: i, host: 150))]
            return self == .portAdded ? (.setPort(added), .removePort(added.id)) : (.removePort(port.id), .setPort(port))
        case .portMoved:
            // A remote port to another remote node, or a local port live-migrated away.
            let now = BenchmarkWorld.nodeIndex(network: i, index: index)
            let target = BenchmarkWorld.node(1 + now % (BenchmarkWorld.nodeCount - 1))
            return (.movePort(port.id, to: target, binding: nil), .movePort(port.id, to: port.node, binding: port.binding))
        case .endpointChanged:
            let endpoint = state.remoteEndpoints(of: BenchmarkWorld.networkID(i))[0]
            var moved = endpoint
            moved.vtep = .v4(IPv4Address(172, 16, 2, UInt8(i % 200)))
            return (.setRemoteEndpoint(moved), .setRemoteEndpoint(endpoint))
        case .securityGroupRuleChanged:
            let group = BenchmarkWorld.securityGroupID(tenant: i / BenchmarkWorld.networksPerRouter)
            let rule = SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 5432, portRangeMax: 5432,
                                         remoteCIDR: CIDR(address: BenchmarkWorld.ipv4(network: i, host: 0), prefixLength: 24)!)
            return (.addSecurityGroupRule(group, rule), .removeSecurityGroupRule(group, rule))
        }
    }
}
