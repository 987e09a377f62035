import EswitchCompiler
import EswitchModel
import Testing

/// Incremental compilation on hand-made changes: the delta holds exactly what changed, the
/// recompiled pipelines are the ones the change reaches, and bad changes change nothing.
@Suite struct IncrementalCompilerTests {
    let example: ValidatedNetworkState
    init() throws { example = try CompilerFixtures.example() }

    /// Two tenants that share nothing: a change in one never recompiles the other's ports.
    static func twoTenants() throws -> ValidatedNetworkState {
        var s = NetworkState(node: LocalNode(name: "a", vtep: .v4(IPv4Address(192, 0, 2, 1)), uplink: .netdev("p0")),
                             nodes: [RemoteNode(name: "b", vtep: .v4(IPv4Address(192, 0, 2, 2)))])
        for t in 0..<2 {
            let network = NetworkID("net\(t)")
            s.networks.append(Network(id: network, vni: VNI(rawValue: UInt32(100 + t))))
            s.subnets.append(Subnet(id: SubnetID("s\(t)"), network: network, cidr: CIDR("10.\(t).0.0/24")!,
                                    gatewayIP: IPAddress("10.\(t).0.1"), gatewayMAC: MACAddress("fa:16:3e:00:00:0\(t + 1)")))
            for k in 0..<3 {
                s.ports.append(Port(id: PortID("t\(t)-p\(k)"), vm: VMID("vm\(t)\(k)"), network: network, node: k == 2 ? "b" : "a",
                                    mac: MACAddress(integer: 0x5254_0000_0000 | UInt64(t << 8 | k + 1)),
                                    fixedIPs: [FixedIP(subnet: SubnetID("s\(t)"), ip: IPAddress("10.\(t).0.\(10 + k)")!)],
                                    binding: k == 2 ? nil : .vf, securityGroups: ["sg"]))
            }
        }
        s.securityGroups = [SecurityGroup(id: "sg", rules: [SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .tcp, portRangeMin: 22, portRangeMax: 22)])]
        return try s.validated()
    }

    @Test func movingAnEndpointToAnotherVTEPChangesOnlyItsEncapRules() throws {
        var compiler = IncrementalCompiler(example)
        var endpoint = example.state.remoteEndpoints[0]
        endpoint.vtep = IPAddress("192.0.2.99")!
        let delta = try compiler.apply(.setRemoteEndpoint(endpoint))
        #expect(delta.added.isEmpty && delta.removed.isEmpty)
        #expect(!delta.changed.isEmpty)
        for rule in delta.changed {
            // Only rules that tunnel to the endpoint: L2 to its MAC, routes to its address.
            #expect(rule.kind == .l2Remote || rule.kind == .route, "\(rule.id)")
            #expect(rule.actions.contains(.encapsulate(TunnelEncapsulation(vni: VNI(rawValue: 1001), source: example.node.vtep, destination: endpoint.vtep))))
        }
        #expect(compiler.rules == Compiler().compile(compiler.state))
    }

    @Test func aChangeInOneTenantLeavesTheOtherTenantsPipelinesAlone() throws {
        let world = try Self.twoTenants()
        var compiler = IncrementalCompiler(world)
        var port = world.port("t0-p2")!
        port.mac = MACAddress("52:54:00:00:00:99")!
        let next = try IntentChange.setPort(port).applied(to: world.state).validated()
        let affected = compiler.affectedPipelines(movingTo: next)
        #expect(affected.ports == ["t0-p0", "t0-p1"])
        #expect(!affected.nodeRules && !affected.everything)
        let delta = compiler.update(to: next)
        // The two local ports of tenant 0 forward to the new MAC instead of the old one.
        #expect(Set(delta.added.map(\.id.description)) == ["l2-remote@port t0-p0:52:54:00:00:00:99", "l2-remote@port t0-p1:52:54:00:00:00:99"])
        #expect(Set(delta.removed.map(\.description)) == ["l2-remote@port t0-p0:52:54:00:00:00:03", "l2-remote@port t0-p1:52:54:00:00:00:03"])
        #expect(delta.changed.isEmpty)
    }

    @Test func removingALocalPortRemovesExactlyItsRulesAndFloatingIPs() throws {
        var compiler = IncrementalCompiler(example)
        let owned = compiler.rules(ownedBy: "web-1-eth0")
        #expect(!owned.isEmpty)
        let delta = try compiler.apply(.removePort("web-1-eth0"))
        #expect(compiler.state.state.floatingIPs.isEmpty)
        #expect(compiler.rules(ownedBy: "web-1-eth0").isEmpty)
        // Its own rules go; other ports lose what pointed at it (L2 to its MAC, delivery to it).
        #expect(Set(owned.map(\.id)).isSubset(of: Set(delta.removed)))
        #expect(delta.added.isEmpty)
        for id in Set(delta.removed).subtracting(owned.map(\.id)) {
            #expect(id.subject.contains("52:54:00:10:00:01") || id.subject.hasPrefix("web-1-eth0 ") || id.subject.hasPrefix("10.10.0.11") || id.subject.hasPrefix("2001:db8:10::11"), "\(id)")
        }
        #expect(compiler.rules == Compiler().compile(compiler.state))
    }

    @Test func anInvalidChangeChangesNothing() throws {
        var compiler = IncrementalCompiler(example)
        var port = example.port("web-2-eth0")!
        port.mac = MACAddress("01:00:5e:00:00:01")!  // multicast
        #expect {
            try compiler.apply(.setPort(port))
        } throws: { error in
            guard case IntentChangeError.invalid(let problems) = error else { return false }
            return problems.contains { $0.path.hasSuffix(".mac") && $0.message.contains("multicast") }
        }
        #expect(throws: IntentChangeError.notFound("port 'nope'")) { try compiler.apply(.removePort("nope")) }
        #expect(compiler.state == example)
        #expect(compiler.rules == Compiler().compile(example))
    }

    @Test func securityGroupRuleEditsReachThePortsThatUseOrDeliverToTheGroup() throws {
        var compiler = IncrementalCompiler(example)
        let rule = SecurityGroupRule(direction: .ingress, ethertype: .ipv4, protocol: .udp, portRangeMin: 53, portRangeMax: 53)
        let delta = try compiler.apply(.addSecurityGroupRule("db", rule))
        // db-1 is remote, so only delivery to local members of "db" could change: there are none.
        #expect(delta.isEmpty)
        let web = try compiler.apply(.addSecurityGroupRule("web", rule))
        // Rules are named by their content: only the new rule's compiled rules come, nothing is
        // renumbered (delivery to web's local members, from every port and the uplink).
        #expect(web.removed.isEmpty && web.changed.isEmpty)
        #expect(!web.added.isEmpty)
        #expect(web.added.allSatisfy { $0.kind == .ingressAllow && $0.id.subject.hasSuffix(" web/ingress IPv4 udp 53-53#0") }, "\(web.added.map(\.id))")
        let dns = compiler.rules.filter { $0.match.ipProtocol == 17 && $0.match.destinationPort == .exact(53) && $0.kind == .ingressAllow }
        #expect(Set(dns.map(\.id)) == Set(web.added.map(\.id)))
        #expect(compiler.rules == Compiler().compile(compiler.state))
        // Removing it takes exactly those rules back.
        let undo = try compiler.apply(.removeSecurityGroupRule("web", rule))
        #expect(undo == RuleDelta(removed: web.added.map(\.id)))
    }

    @Test func reorderingAGroupsRulesChangesNoRule() throws {
        var compiler = IncrementalCompiler(example)
        var group = example.securityGroup("web")!
        group.rules.reverse()
        group.rules.insert(SecurityGroupRule(direction: .egress, ethertype: .ipv6, protocol: .udp, portRangeMin: 53, portRangeMax: 53), at: 1)
        let delta = try compiler.apply(.setSecurityGroup(group))
        // Only the inserted egress rule's compiled rules appear (on web's local ports' egress).
        #expect(delta.removed.isEmpty && delta.changed.isEmpty)
        #expect(!delta.added.isEmpty)
        #expect(delta.added.allSatisfy { $0.kind == .egressAllow && $0.id.subject == "web/egress IPv6 udp 53-53#0" }, "\(delta.added.map(\.id))")
        #expect(compiler.rules == Compiler().compile(compiler.state))
    }

    @Test func aRefusedChangeListsTheProblemsFullValidationFinds() throws {
        var compiler = IncrementalCompiler(example)
        // A new port reusing web-1's MAC and address, with an unknown group.
        var port = example.port("web-2-eth0")!
        port.id = "web-3-eth0"
        port.mac = example.port("web-1-eth0")!.mac
        port.fixedIPs = example.port("web-1-eth0")!.fixedIPs
        port.securityGroups = ["nope"]
        let change = IntentChange.setPort(port)
        let expected = try change.applied(to: example.state).validate()
        #expect(expected.contains { $0.path == "ports[\(example.state.ports.count)].mac" && $0.message.hasPrefix("duplicate MAC") }, "\(expected)")
        #expect(expected.contains { $0.message == "unknown security group 'nope'" })
        #expect(throws: IntentChangeError.invalid(expected)) { try compiler.apply(change) }
        #expect(compiler.state == example)
        // The same through the edit API.
        #expect(example.problems(after: try change.edit(of: example)) == expected)
    }

    @Test func thisNodesVTEPChangeRecompilesEverything() throws {
        var compiler = IncrementalCompiler(example)
        var state = example.state
        state.node.vtep = IPAddress("192.0.2.111")!
        let next = try state.validated()
        #expect(compiler.affectedPipelines(movingTo: next).everything)
        let before = compiler.rules
        let delta = compiler.update(to: next)
        #expect(delta == RuleDelta(from: before, to: Compiler().compile(next)))
        #expect(delta.changed.contains { $0.kind == .l2Remote })
    }

    @Test func deltaAppliesToTheOldRulesAndClassifiesByID() {
        func rule(_ subject: String, _ actions: [FlowAction]) -> Rule {
            Rule(id: RuleID(kind: .l2Local, ingress: .port("p"), subject: subject), match: FlowMatch(), actions: actions, owner: "p")
        }
        let old = [rule("a", [.drop]), rule("b", [.drop]), rule("c", [.drop])]
        let new = [rule("b", [.drop]), rule("c", [.trap(.flood)]), rule("d", [.drop])]
        let delta = RuleDelta(from: old.reversed(), to: new)
        #expect(delta.removed.map(\.subject) == ["a"])
        #expect(delta.changed.map(\.id.subject) == ["c"])
        #expect(delta.added.map(\.id.subject) == ["d"])
        #expect(delta.count == 3)
        #expect(delta.applied(to: old) == new)
        #expect(RuleDelta(from: new, to: new).isEmpty)
    }
}
