import EswitchCompiler
import EswitchModel

/// Random typical changes that are often invalid: each breaks one rule of the intent (a duplicate
/// MAC or address, an address outside its subnet, an unknown reference, a reserved or gateway
/// address, a bad rule...), next to valid ones, for checking edit validation against full
/// validation.
extension RandomIntent {
    /// A valid change (as `validStep` makes them) or a faulty one, about half each.
    mutating func anyChange(from s: NetworkState) -> IntentChange? {
        if chance(0.45), case .change(let change)? = randomStep(from: s) { return change }
        return faultyChange(from: s)
    }

    mutating func faultyChange(from s: NetworkState) -> IntentChange? {
        switch int(0...14) {
        case 0, 1, 2, 3:
            guard var port = pick(s.ports) ?? newPort(in: s) else { return nil }
            if chance(0.3), let fresh = newPort(in: s) { port = fresh }
            breakPort(&port, in: s)
            return .setPort(port)
        case 4:
            guard let port = pick(s.ports) else { return nil }
            let node: NodeName = chance(0.5) ? "nowhere" : Self.local
            return .movePort(port.id, to: node, binding: chance(0.5) ? nil : .vf)
        case 5, 6:
            guard var endpoint = pick(s.remoteEndpoints) ?? newEndpoint(in: s) else { return nil }
            breakEndpoint(&endpoint, in: s)
            return .setRemoteEndpoint(endpoint)
        case 7, 8:
            guard let port = pick(s.ports) else { return nil }
            var floating = newFloatingIP(for: port, in: s) ?? FloatingIP(externalIP: .v4(IPv4Address(203, 0, 113, 251)), port: port.id, fixedIP: port.fixedIPs.first?.ip ?? .v4(IPv4Address(10, 9, 9, 9)))
            switch int(0...4) {
            case 0: floating.externalIP = pick(s.snat.map(\.externalIP)) ?? .v4(IPv4Address(224, 0, 0, 1))
            case 1: floating.fixedIP = .v4(IPv4Address(10, 77, 0, 7))
            case 2: floating.externalIP = .v6(IPv6Address(high: 0x2001_0db8_ffff_0000, low: 7))
            case 3: if let other = pick(s.floatingIPs) { floating.port = other.port; floating.fixedIP = other.fixedIP }
            default: floating.port = "ghost"
            }
            return .setFloatingIP(floating)
        case 9, 10:
            guard let group = pick(s.securityGroups) else { return nil }
            var rule = securityGroupRule()
            switch int(0...3) {
            case 0: rule.protocol = .tcp; rule.icmpType = 8
            case 1: rule.protocol = .udp; rule.portRangeMin = 900; rule.portRangeMax = 800
            case 2: if let existing = pick(group.rules) { rule = existing }
            default: rule.ethertype = .ipv6; rule.protocol = .icmp
            }
            return .addSecurityGroupRule(group.id, rule)
        case 11:
            guard var group = pick(s.securityGroups) else { return nil }
            if let rule = pick(group.rules) { group.rules.append(rule) } else { group.id = SecurityGroupID("bad id") }
            return .setSecurityGroup(group)
        case 12, 13:
            guard let node = pick(s.nodes) else { return nil }
            switch int(0...2) {
            case 0: return .setRemoteNode(RemoteNode(name: node.name, vtep: s.node.vtep))
            case 1: return .setRemoteNode(RemoteNode(name: node.name, vtep: pick(s.nodes.filter { $0.name != node.name })?.vtep ?? s.node.vtep))
            default: return .setRemoteNode(RemoteNode(name: s.node.name, vtep: .v4(IPv4Address(192, 0, 2, 99))))
            }
        default:
            return pick(s.ports).map { .removePort($0.id) }
        }
    }

    /// Breaks one property of a port (or leaves it valid by chance: the fault may be harmless).
    mutating func breakPort(_ port: inout Port, in s: NetworkState) {
        let sameNetwork = s.ports.filter { $0.network == port.network && $0.id != port.id }
        let subnets = s.subnets.filter { $0.network == port.network }
        switch int(0...13) {
        case 0: if let other = pick(sameNetwork) { port.mac = other.mac }
        case 1: if let other = pick(sameNetwork.filter { !$0.fixedIPs.isEmpty }), let fixed = other.fixedIPs.first { port.fixedIPs = [fixed] }
        case 2: if let subnet = pick(subnets) { port.fixedIPs = [FixedIP(subnet: subnet.id, ip: .v4(IPv4Address(172, 31, 0, 9)))] }
        case 3: if let subnet = pick(subnets.filter { $0.gatewayIP != nil }) { port.fixedIPs = [FixedIP(subnet: subnet.id, ip: subnet.gatewayIP!)] }
        case 4: if let subnet = pick(subnets.filter { $0.cidr.family == .ipv4 }) { port.fixedIPs = [FixedIP(subnet: subnet.id, ip: subnet.cidr.networkAddress)] }
        case 5: port.fixedIPs.append(FixedIP(subnet: "nosuch", ip: .v4(IPv4Address(10, 0, 0, 9))))
        case 6: if let subnet = pick(s.subnets.filter { $0.network != port.network }) { port.fixedIPs = [FixedIP(subnet: subnet.id, ip: subnet.cidr.networkAddress)] }
        case 7: port.mac = MACAddress(integer: chance(0.5) ? 0 : 0x0100_5e00_0001)
        case 8: port.securityGroups.append(chance(0.5) ? "sg-missing" : (port.securityGroups.first ?? "sg-missing"))
        case 9: port.qosPolicy = "q-missing"
        case 10: port.node = "elsewhere"
        case 11: port.node = Self.local; port.binding = nil
        case 12: port.vlan = VLANID(chance(0.5) ? 0 : 4095)
        default:
            // Another endpoint's or gateway's MAC.
            if let endpoint = pick(s.remoteEndpoints.filter { $0.network == port.network }) {
                port.mac = endpoint.mac
            } else if let gateway = subnets.compactMap(\.gatewayMAC).first {
                port.mac = gateway
            }
        }
    }

    mutating func breakEndpoint(_ endpoint: inout RemoteEndpoint, in s: NetworkState) {
        let ports = s.ports.filter { $0.network == endpoint.network }
        switch int(0...6) {
        case 0: if let port = pick(ports) { endpoint.mac = port.mac }
        case 1: endpoint.ips = [.v4(IPv4Address(172, 31, 1, 1))]
        case 2: if let port = pick(ports.filter { !$0.fixedIPs.isEmpty }) { endpoint.ips = [port.fixedIPs[0].ip] }
        case 3: endpoint.vtep = s.node.vtep
        case 4: endpoint.mac = MACAddress(integer: 0)
        case 5: endpoint.network = "no-network"
        default: if let ip = endpoint.ips.first { endpoint.ips.append(ip) }
        }
    }
}
