import EswitchCompiler
import EswitchModel
import Testing

/// The rules compiled from the example intent: each forwarding case of the issue is present with
/// the right match and actions.
@Suite struct CompilerPipelineTests {
    let rules: [Rule]
    init() throws { rules = Compiler().compile(try CompilerFixtures.example()) }

    func rule(_ kind: RuleKind, on ingress: RuleIngress, _ subject: String) -> Rule? {
        rules.first { $0.kind == kind && $0.ingress == ingress && $0.id.subject == subject }
    }

    @Test func compilationIsDeterministicAndIdsAreUnique() throws {
        let again = Compiler().compile(try CompilerFixtures.example())
        #expect(again == rules)
        #expect(Set(rules.map(\.id)).count == rules.count)
        #expect(Set(rules.map(\.id.cookie)).count == rules.count)
    }

    @Test func l2OnTheNodeGoesThroughTheDestinationsDeliveryFilter() throws {
        let r = try #require(rule(.l2Local, on: .port("web-1-eth0"), "52:54:00:10:00:02"))
        #expect(r.match.ethDestination == .exact(MACAddress("52:54:00:10:00:02")!))
        #expect(r.actions == [.gotoChain(3)])
        // web-2 is tagged VLAN 100: delivery pushes the tag.
        let allow = rules.first { $0.kind == .ingressAllow && $0.ingress == .port("web-1-eth0") && $0.id.subject.hasPrefix("web-2-eth0 web/") }
        #expect(allow?.actions.suffix(2) == [.pushVLAN(100), .output(.port("web-2-eth0"))])
    }

    @Test func l2BetweenNodesEncapsulatesWithTheNetworksVNI() throws {
        let r = try #require(rule(.l2Remote, on: .port("web-1-eth0"), "52:54:00:10:00:63"))
        let vtep = IPAddress("192.0.2.12")!
        #expect(r.actions == [.encapsulate(TunnelEncapsulation(vni: VNI(rawValue: 1001), source: IPAddress("192.0.2.11")!, destination: vtep)), .output(.tunnel)])
    }

    @Test func uplinkDecapsulatesByVNIAndInnerMAC() throws {
        let r = try #require(rules.first { $0.kind == .decap && $0.owner == "web-1-eth0" })
        #expect(r.match.tunnelID == VNI(rawValue: 1001))
        #expect(r.match.ethDestination == .exact(MACAddress("52:54:00:10:00:01")!))
        #expect(r.actions == [.decapsulate, .gotoChain(3)])
    }

    @Test func arpIsTrappedToTheSlowPath() throws {
        let r = try #require(rule(.arpTrap, on: .port("tools-eth0"), "*"))
        #expect(r.match.etherType == 0x0806)
        #expect(r.actions == [.trap(.arp)])
    }

    @Test func routingRewritesMACsAndDecrementsTTL() throws {
        // web-1 (10.10.0.11) to db-1 (10.20.0.11, on compute-b) through the distributed router.
        let r = try #require(rules.first { $0.kind == .route && $0.ingress == .port("web-1-eth0") && $0.id.subject.hasPrefix("10.20.0.11") })
        #expect(r.match.ethDestination == .exact(MACAddress("fa:16:3e:00:00:01")!))
        #expect(r.match.ipv4Destination == .exact(IPv4Address("10.20.0.11")!))
        #expect(r.actions.prefix(3) == [.setEthSource(MACAddress("fa:16:3e:00:00:01")!), .setEthDestination(MACAddress("52:54:00:20:00:01")!), .decrementTTL])
        #expect(r.actions.last == .output(.tunnel))
        #expect(r.actions.contains(.encapsulate(TunnelEncapsulation(vni: VNI(rawValue: 1002), source: IPAddress("192.0.2.11")!, destination: IPAddress("192.0.2.12")!))))
    }

    @Test func floatingIPIsStatelessNATBothWays() throws {
        let out = try #require(rule(.floatingIPOut, on: .port("web-1-eth0"), "203.0.113.10"))
        #expect(out.match.ipv4Source == .exact(IPv4Address("10.10.0.11")!))
        #expect(out.actions.first == .setIPv4Source(IPv4Address("203.0.113.10")!))
        let back = try #require(rule(.floatingIPIn, on: .uplink, "203.0.113.10"))
        #expect(back.actions.first == .setIPv4Destination(IPv4Address("10.10.0.11")!))
    }

    @Test func portsAdmitOnlyTheirOwnSourceMACAndArePoliced() throws {
        let admit = try #require(rule(.portAdmit, on: .port("web-1-eth0"), "52:54:00:10:00:01"))
        #expect(admit.actions.contains { if case .police = $0 { return true } else { return false } })
        #expect(rule(.antiSpoofDrop, on: .port("web-1-eth0"), "*")?.actions == [.drop])
    }

    @Test func aPortWithoutSecurityGroupsReceivesOnlyARP() throws {
        // tools-eth0 has no group: default deny ingress (ARP excepted).
        let delivery = rules.filter { $0.ingress == .uplink && $0.id.subject.hasPrefix("tools-eth0 ") }
        #expect(Set(delivery.map(\.id.subject)) == ["tools-eth0 arp", "tools-eth0 *"])
    }
}
