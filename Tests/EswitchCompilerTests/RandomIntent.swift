import EswitchCompiler
import EswitchModel

/// SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number generators", 2014): a
/// small deterministic generator, seeded from the property checker's one so that a failing case
/// replays from the seed the checker prints.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One edit of a scenario: a typical change through `IncrementalCompiler.apply`, or any edit of
/// the whole intent through `update(to:)`.
enum IntentStep: Sendable, CustomStringConvertible {
    case change(IntentChange)
    case edit(String, NetworkState)

    var description: String {
        switch self {
        case .change(let change): return "change \(change)"
        case .edit(let what, _): return "edit: \(what)"
        }
    }
}

/// A valid starting intent and a sequence of edits, each leaving the intent valid.
struct IntentScenario: Sendable, CustomStringConvertible {
    let start: NetworkState
    let steps: [IntentStep]

    var description: String {
        "\(start.ports.count) ports, \(start.remoteEndpoints.count) endpoints, \(start.networks.count) networks; steps:\n"
            + steps.map { "  - \($0)" }.joined(separator: "\n")
    }

    static func random(seed: UInt64, steps: Int) -> IntentScenario {
        var generator = RandomIntent(seed: seed)
        let start = generator.world()
        var state = start
        var out: [IntentStep] = []
        for _ in 0..<steps {
            guard let step = generator.validStep(from: state) else { break }
            out.append(step.step)
            state = step.state
        }
        return IntentScenario(start: start, steps: out)
    }
}

/// Builds random valid intents (a few networks with IPv4 and IPv6 subnets, routers, local and
/// remote ports, remote endpoints, security groups with random rules, floating IPs, SNAT, QoS)
/// and random edits of them.
struct RandomIntent {
    var rng: SplitMix64
    static let local: NodeName = "n0"
    static let remoteNodes: [NodeName] = ["n1", "n2", "n3"]
    static let sharedGatewayMAC = MACAddress(integer: 0xfa16_3e00_0001)

    init(seed: UInt64) { rng = SplitMix64(state: seed) }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func pick<T>(_ list: [T]) -> T? { list.randomElement(using: &rng) }
    mutating func subset<T>(_ list: [T], _ p: Double) -> [T] { list.filter { _ in chance(p) } }

    // MARK: The world

    mutating func world() -> NetworkState {
        var s = NetworkState(node: LocalNode(name: Self.local, vtep: .v4(IPv4Address(192, 0, 2, 1)), uplink: .netdev("p0")))
        s.nodes = Self.remoteNodes.enumerated().map { RemoteNode(name: $0.element, vtep: .v4(IPv4Address(192, 0, 2, UInt8(2 + $0.offset)))) }
        let networkCount = int(1...4)
        for i in 0..<networkCount {
            let network = NetworkID("net\(i)")
            s.networks.append(Network(id: network, vni: VNI(rawValue: UInt32(100 + 7 * i))))
            let v4 = CIDR(address: .v4(IPv4Address(10, UInt8(i), 0, 0)), prefixLength: 24)!
            let hasGateway = chance(0.85)
            s.subnets.append(Subnet(id: SubnetID("s\(i)v4"), network: network, cidr: v4,
                                    gatewayIP: hasGateway ? .v4(IPv4Address(10, UInt8(i), 0, 1)) : nil,
                                    gatewayMAC: hasGateway ? gatewayMAC(0x100 + i) : nil))
            if chance(0.5) {
                let prefix = IPv6Address(high: 0x2001_0db8_0000_0000 | UInt64(i) << 16, low: 0)
                let hasGateway6 = chance(0.8)
                s.subnets.append(Subnet(id: SubnetID("s\(i)v6"), network: network, cidr: CIDR(address: .v6(prefix), prefixLength: 64)!,
                                        gatewayIP: hasGateway6 ? .v6(IPv6Address(high: prefix.high, low: 1)) : nil,
                                        gatewayMAC: hasGateway6 ? gatewayMAC(0x200 + i) : nil))
            }
        }
        let routable = s.subnets.filter { $0.gatewayIP != nil }.map(\.id)
        var routers: [Router] = [Router(id: "r0"), Router(id: "r1")]
        for subnet in routable where chance(0.8) {
            routers[chance(0.75) ? 0 : 1].interfaces.append(RouterInterface(subnet: subnet))
        }
        s.routers = routers.filter { !$0.interfaces.isEmpty || chance(0.3) }
        s.qosPolicies = [QoSPolicy(id: "q0", rateBps: 1_000_000_000, burstBytes: 125_000), QoSPolicy(id: "q1", rateBps: 10_000_000, burstBytes: 64)]
        for g in 0..<int(1...3) {
            var group = SecurityGroup(id: SecurityGroupID("sg\(g)"), stateful: chance(0.6))
            for _ in 0..<int(0...4) {
                let rule = securityGroupRule()
                if !group.rules.contains(rule) { group.rules.append(rule) }
            }
            s.securityGroups.append(group)
        }
        for _ in 0..<int(2...9) {
            if let port = newPort(in: s) { s.ports.append(port) }
        }
        for _ in 0..<int(0...4) {
            if let endpoint = newEndpoint(in: s) { s.remoteEndpoints.append(endpoint) }
        }
        for port in s.ports where chance(0.3) {
            if let floating = newFloatingIP(for: port, in: s) { s.floatingIPs.append(floating) }
        }
        addSNAT(to: &s)
        return s
    }

    /// Gateway MACs: often the one shared MAC of a distributed router, else one per subnet.
    mutating func gatewayMAC(_ n: Int) -> MACAddress {
        chance(0.5) ? Self.sharedGatewayMAC : MACAddress(integer: 0xfa16_3e00_0000 | UInt64(n))
    }

    mutating func addSNAT(to s: inout NetworkState) {
        var covered: Set<NetworkID> = []
        var k: UInt8 = 1
        for router in s.routers where !router.interfaces.isEmpty && chance(0.4) {
            let networks = Set(router.interfaces.compactMap { i in s.subnets.first { $0.id == i.subnet }?.network })
            guard covered.isDisjoint(with: networks) else { continue }
            covered.formUnion(networks)
            s.snat.append(SNATRule(router: router.id, gatewayNode: pick([Self.local] + Self.remoteNodes)!, externalIP: .v4(IPv4Address(198, 51, 100, 200 + k))))
            k += 1
        }
        let attached = Set(s.routers.flatMap { $0.interfaces.map(\.subnet) })
        for network in s.networks where !covered.contains(network.id) && chance(0.4) {
            guard s.subnets.contains(where: { $0.network == network.id && attached.contains($0.id) }) else { continue }
            covered.insert(network.id)
            s.snat.append(SNATRule(network: network.id, gatewayNode: pick([Self.local] + Self.remoteNodes)!, externalIP: .v4(IPv4Address(198, 51, 100, 200 + k))))
            k += 1
        }
    }

    mutating func securityGroupRule() -> SecurityGroupRule {
        let v6 = chance(0.3)
        var rule = SecurityGroupRule(direction: chance(0.6) ? .ingress : .egress, ethertype: v6 ? .ipv6 : .ipv4)
        switch int(0...4) {
        case 0: rule.protocol = .any
        case 1, 2:
            rule.protocol = chance(0.5) ? .tcp : .udp
            if chance(0.7) {
                let low = UInt16(int(1...65535))
                rule.portRangeMin = low
                rule.portRangeMax = chance(0.5) ? low : UInt16(min(65535, Int(low) + int(0...2000)))
            }
        case 3:
            rule.protocol = v6 ? .icmpv6 : .icmp
            if chance(0.5) {
                rule.icmpType = UInt8(int(0...20))
                if chance(0.5) { rule.icmpCode = UInt8(int(0...3)) }
            }
        default: rule.protocol = IPProtocolMatch(number: 112)
        }
        if chance(0.4) {
            rule.remoteCIDR = v6 ? CIDR(address: .v6(IPv6Address(high: 0x2001_0db8_0000_0000, low: 0)), prefixLength: 32)!
                : CIDR(address: .v4(IPv4Address(10, UInt8(int(0...3)), 0, 0)), prefixLength: 16 + 8 * int(0...1))!
        }
        return rule
    }

    // MARK: Entries

    /// MACs and IPs already taken in a network (ports and endpoints).
    func used(in s: NetworkState, network: NetworkID) -> (macs: Set<MACAddress>, ips: Set<IPAddress>) {
        var macs: Set<MACAddress> = [], ips: Set<IPAddress> = []
        for port in s.ports where port.network == network {
            macs.insert(port.mac)
            ips.formUnion(port.fixedIPs.map(\.ip))
        }
        for endpoint in s.remoteEndpoints where endpoint.network == network {
            macs.insert(endpoint.mac)
            ips.formUnion(endpoint.ips)
        }
        return (macs, ips)
    }

    mutating func freshMAC(in s: NetworkState, network: NetworkID, base: UInt64) -> MACAddress? {
        let taken = used(in: s, network: network).macs
        for _ in 0..<20 {
            let mac = MACAddress(integer: base | UInt64(int(1...250)))
            if !taken.contains(mac) { return mac }
        }
        return nil
    }

    /// A free host address in a subnet (hosts 2...250: the gateway is 1).
    mutating func freshIP(in s: NetworkState, subnet: Subnet) -> IPAddress? {
        let taken = used(in: s, network: subnet.network).ips
        for _ in 0..<20 {
            let host = UInt8(int(2...250))
            let ip: IPAddress
            switch subnet.cidr.address {
            case .v4(let a): ip = .v4(IPv4Address(rawValue: a.rawValue | UInt32(host)))
            case .v6(let a): ip = .v6(IPv6Address(high: a.high, low: UInt64(host)))
            }
            if !taken.contains(ip) { return ip }
        }
        return nil
    }

    mutating func fixedIPs(in s: NetworkState, network: NetworkID) -> [FixedIP] {
        var out: [FixedIP] = []
        for subnet in s.subnets where subnet.network == network && chance(subnet.cidr.family == .ipv4 ? 0.9 : 0.6) {
            if let ip = freshIP(in: s, subnet: subnet) { out.append(FixedIP(subnet: subnet.id, ip: ip)) }
        }
        return out
    }

    mutating func newPort(in s: NetworkState) -> Port? {
        guard let network = pick(s.networks)?.id, let mac = freshMAC(in: s, network: network, base: 0x5254_0000_0000) else { return nil }
        var n = 0
        while s.ports.contains(where: { $0.id.rawValue == "p\(n)" }) { n += 1 }
        let node = chance(0.55) ? Self.local : pick(Self.remoteNodes)!
        var port = Port(id: PortID("p\(n)"), vm: VMID("vm\(n)"), network: network, node: node, mac: mac, fixedIPs: fixedIPs(in: s, network: network))
        port.binding = node == Self.local ? pick([.vf, .vdpa, .software]) : (chance(0.3) ? .vf : nil)
        port.vlan = chance(0.2) ? VLANID(UInt16(int(1...4094))) : nil
        port.securityGroups = subset(s.securityGroups.map(\.id), 0.5)
        port.qosPolicy = chance(0.3) ? pick(s.qosPolicies)?.id : nil
        return port
    }

    mutating func newEndpoint(in s: NetworkState) -> RemoteEndpoint? {
        guard let network = pick(s.networks)?.id, let mac = freshMAC(in: s, network: network, base: 0x5254_0001_0000) else { return nil }
        let ips = fixedIPs(in: s, network: network).map(\.ip)
        return RemoteEndpoint(network: network, mac: mac, ips: ips, vtep: randomVTEP(in: s))
    }

    /// A remote node's VTEP, or another address on the underlay.
    mutating func randomVTEP(in s: NetworkState) -> IPAddress {
        chance(0.7) ? pick(s.nodes)!.vtep : .v4(IPv4Address(192, 0, 2, UInt8(int(100...110))))
    }

    mutating func newFloatingIP(for port: Port, in s: NetworkState) -> FloatingIP? {
        let mapped = Set(s.floatingIPs.filter { $0.port == port.id }.map(\.fixedIP))
        guard let fixed = pick(port.fixedIPs.filter { $0.ip.family == .ipv4 && !mapped.contains($0.ip) }) else { return nil }
        let taken = Set(s.floatingIPs.map(\.externalIP))
        for _ in 0..<20 {
            let external = IPAddress.v4(IPv4Address(203, 0, 113, UInt8(int(1...250))))
            if !taken.contains(external) { return FloatingIP(externalIP: external, port: port.id, fixedIP: fixed.ip) }
        }
        return nil
    }

    // MARK: Edits

    /// A random edit whose result is valid (a few attempts), or nil.
    mutating func validStep(from s: NetworkState) -> (step: IntentStep, state: NetworkState)? {
        for _ in 0..<30 {
            guard let step = randomStep(from: s) else { continue }
            let next: NetworkState
            switch step {
            case .change(let change):
                guard let applied = try? change.applied(to: s) else { continue }
                next = applied
            case .edit(_, let state):
                next = state
            }
            if next.validate().isEmpty && next != s { return (step, next) }
        }
        return nil
    }

    mutating func randomStep(from s: NetworkState) -> IntentStep? {
        var e = s
        switch int(0...24) {
        case 0, 1:
            return newPort(in: s).map { .change(.setPort($0)) }
        case 2:
            return pick(s.ports).map { .change(.removePort($0.id)) }
        case 3, 4:
            guard let port = pick(s.ports) else { return nil }
            let target = pick(([Self.local] + Self.remoteNodes).filter { $0 != port.node })!
            return .change(.movePort(port.id, to: target, binding: target == Self.local ? .vf : nil))
        case 5:
            guard var port = pick(s.ports), let mac = freshMAC(in: s, network: port.network, base: 0x5254_0000_0000) else { return nil }
            port.mac = mac
            return .change(.setPort(port))
        case 6:
            guard let i = s.ports.indices.randomElement(using: &rng) else { return nil }
            let port = s.ports[i]
            e.ports[i].fixedIPs = fixedIPs(in: s, network: port.network)
            let kept = Set(e.ports[i].fixedIPs.map(\.ip))
            e.floatingIPs.removeAll { $0.port == port.id && !kept.contains($0.fixedIP) }
            return .edit("new fixed IPs for \(port.id)", e)
        case 7:
            guard var port = pick(s.ports) else { return nil }
            port.securityGroups = subset(s.securityGroups.map(\.id), 0.5)
            return .change(.setPort(port))
        case 8:
            guard var port = pick(s.ports) else { return nil }
            if chance(0.5) { port.vlan = port.vlan == nil ? VLANID(UInt16(int(1...4094))) : nil } else { port.qosPolicy = port.qosPolicy == nil ? "q0" : nil }
            return .change(.setPort(port))
        case 9:
            return newEndpoint(in: s).map { .change(.setRemoteEndpoint($0)) }
        case 10:
            return pick(s.remoteEndpoints).map { .change(.removeRemoteEndpoint(network: $0.network, mac: $0.mac)) }
        case 11:
            guard var endpoint = pick(s.remoteEndpoints) else { return nil }
            endpoint.vtep = randomVTEP(in: s)
            return .change(.setRemoteEndpoint(endpoint))
        case 12, 13:
            guard let group = pick(s.securityGroups) else { return nil }
            return .change(.addSecurityGroupRule(group.id, securityGroupRule()))
        case 14:
            guard let group = pick(s.securityGroups), let rule = pick(group.rules) else { return nil }
            return .change(.removeSecurityGroupRule(group.id, rule))
        case 15:
            guard let g = s.securityGroups.indices.randomElement(using: &rng), let k = s.securityGroups[g].rules.indices.randomElement(using: &rng) else { return nil }
            if chance(0.5) {
                e.securityGroups[g].rules[k] = securityGroupRule()
            } else {
                e.securityGroups[g].stateful.toggle()
            }
            return .edit("security group \(s.securityGroups[g].id) rule \(k) edited", e)
        case 16:
            guard let port = pick(s.ports), let floating = newFloatingIP(for: port, in: s) else { return nil }
            return .change(.setFloatingIP(floating))
        case 17:
            return pick(s.floatingIPs).map { .change(.removeFloatingIP($0.externalIP)) }
        case 18:
            guard let r = e.routers.indices.randomElement(using: &rng) else { return nil }
            let attached = Set(s.routers.flatMap { $0.interfaces.map(\.subnet) })
            if chance(0.5), let subnet = pick(s.subnets.filter { $0.gatewayIP != nil && !attached.contains($0.id) }) {
                e.routers[r].interfaces.append(RouterInterface(subnet: subnet.id))
                return .edit("router \(s.routers[r].id) attached to \(subnet.id)", e)
            }
            guard let k = e.routers[r].interfaces.indices.randomElement(using: &rng) else { return nil }
            let removed = e.routers[r].interfaces.remove(at: k)
            return .edit("router \(s.routers[r].id) detached from \(removed.subnet)", e)
        case 19:
            guard let node = pick(s.nodes) else { return nil }
            let vtep = IPAddress.v4(IPv4Address(192, 0, 2, UInt8(int(20...40))))
            guard !s.nodes.contains(where: { $0.vtep == vtep }) else { return nil }
            return .change(.setRemoteNode(RemoteNode(name: node.name, vtep: vtep)))
        case 20:
            e.node.vtep = .v4(IPv4Address(192, 0, 2, UInt8(int(50...60))))
            return .edit("this node's VTEP", e)
        case 21:
            guard let i = e.subnets.indices.randomElement(using: &rng), e.subnets[i].gatewayMAC != nil else { return nil }
            e.subnets[i].gatewayMAC = e.subnets[i].gatewayMAC == Self.sharedGatewayMAC ? MACAddress(integer: 0xfa16_3e00_0300 | UInt64(i)) : Self.sharedGatewayMAC
            return .edit("gateway MAC of \(s.subnets[i].id)", e)
        case 22:
            guard let i = e.networks.indices.randomElement(using: &rng) else { return nil }
            e.networks[i].vni = VNI(rawValue: UInt32(int(1000...1010)))
            return .edit("VNI of \(s.networks[i].id)", e)
        case 23:
            if let i = e.snat.indices.randomElement(using: &rng), chance(0.6) {
                if chance(0.5) { e.snat.remove(at: i) } else { e.snat[i].gatewayNode = pick([Self.local] + Self.remoteNodes)! }
                return .edit("SNAT rule \(i) changed", e)
            }
            e.snat = []
            addSNAT(to: &e)
            return .edit("SNAT rules replaced", e)
        default:
            guard let i = e.qosPolicies.indices.randomElement(using: &rng) else { return nil }
            e.qosPolicies[i].rateBps = UInt64(int(1...100)) * 1_000_000
            return .edit("rate of \(s.qosPolicies[i].id)", e)
        }
    }
}
