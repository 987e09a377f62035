import ControlAPI
import EswitchConfig
import EswitchModel
import Foundation
import HookCore
import Testing

@Suite struct DomainXMLParsingTests {
    @Test func readsTheLiveXMLLibvirt9PassesForAnEthernetInterface() throws {
        let domain = try DomainDescription.parse(HookFixtures.fixture("libvirt9-ethernet-live.xml"))
        #expect(domain.name == "eswx1")
        #expect(domain.uuid == "0e73e6fb-b5f6-4a8d-8eab-f1c13308af37")
        #expect(domain.interfaces == [DomainInterface(type: "ethernet", mac: MACAddress("52:54:00:e5:00:01"), targetDevice: "eswx1t0", line: 29)])
        #expect(domain.portMappings == [PortMapping(mac: MACAddress("52:54:00:e5:00:01")!, port: "p1")])
        let requests = try PortBindingPlan.plugRequests(for: domain)
        #expect(requests == [PlugRequest(port: "p1", domain: "eswx1", domainUUID: "0e73e6fb-b5f6-4a8d-8eab-f1c13308af37", kind: .ethernet,
                                         mac: MACAddress("52:54:00:e5:00:01"), targetDevice: "eswx1t0")])
    }

    @Test func readsHostdevVdpaVhostuserAndEthernetInterfacesWithTheirPorts() throws {
        let domain = try DomainDescription.parse(HookFixtures.fixture("hostdev-vdpa-vhostuser-live.xml"))
        #expect(domain.interfaces.map(\.type) == ["hostdev", "vdpa", "vhostuser", "ethernet", "bridge"])
        #expect(domain.interfaces[0].sourceVF == PCIAddress("0000:3b:02.3"))
        #expect(domain.interfaces[4].kind == nil)
        let requests = try PortBindingPlan.plugRequests(for: domain)
        #expect(requests.map(\.port) == ["mixed-1-vf", "mixed-1-vdpa", "mixed-1-vhu", "mixed-1-tap"])
        #expect(requests.map(\.kind) == [.hostdev, .vdpa, .vhostuser, .ethernet])
        // The VF the XML names goes to the daemon; the guest-side PCI address does not.
        #expect(requests[0].requestedVF == PCIAddress("0000:3b:02.3"))
        #expect(requests[1].requestedVF == nil)
        // Upper-case MACs in the mapping still match (MACs compare as numbers).
        #expect(requests[1].mac == MACAddress("52:54:00:aa:00:02"))
        #expect(requests.map(\.targetDevice) == [nil, nil, "vhu-mixed1", "tap-mixed1"])
        #expect(Set(requests.map(\.domain)) == ["mixed-1"])
        #expect(Set(requests.compactMap(\.domainUUID)) == ["5d1f8a3e-0b7c-4e2a-9f61-8c3d2e1b0a99"])
    }

    @Test func theDocumentedExamplesMapTheIntentsPortsByMACAndBinding() throws {
        let intent = try NetworkState.fromYAML(String(decoding: HookFixtures.example("two-node.yaml"), as: UTF8.self))
        let bindingOfKind: [InterfaceKind: PortBinding] = [.hostdev: .vf, .vdpa: .vdpa, .ethernet: .software]
        for file in ["libvirt-web-1.xml", "libvirt-web-2.xml", "libvirt-tools.xml"] {
            let domain = try DomainDescription.parse(HookFixtures.example(file))
            let requests = try PortBindingPlan.plugRequests(for: domain)
            #expect(requests.count == 1, "\(file)")
            for request in requests {
                let port = try #require(intent.ports.first { $0.id == request.port }, "\(file): port \(request.port) not in two-node.yaml")
                #expect(port.mac == request.mac, "\(file)")
                #expect(port.binding == bindingOfKind[request.kind], "\(file)")
                #expect(port.vm.rawValue == domain.name || port.vm.rawValue == domain.uuid, "\(file)")
            }
        }
    }

    @Test func interfacesWithoutAMappingAreLeftAlone() throws {
        let xml = HookFixtures.domain("vm", interfaces: [HookFixtures.tap("52:54:00:00:00:01", "t1"), HookFixtures.tap("52:54:00:00:00:02", "t2")],
                                      ports: [("52:54:00:00:00:02", "p2")])
        let requests = try PortBindingPlan.plugRequests(for: DomainDescription.parse(xml))
        #expect(requests.map(\.port) == ["p2"])
        let none = HookFixtures.domain("vm", interfaces: [HookFixtures.tap("52:54:00:00:00:01", "t1")], ports: [])
        #expect(try PortBindingPlan.plugRequests(for: DomainDescription.parse(none)).isEmpty)
    }

    @Test func metadataOfOtherNamespacesIsIgnoredButOtherVersionsOfOursAreRefused() throws {
        let foreign = """
        <domain><name>vm</name><metadata><x:ports xmlns:x="urn:someone-else"><x:port mac="52:54:00:00:00:01" id="p"/></x:ports></metadata></domain>
        """
        #expect(try DomainDescription.parse(Array(foreign.utf8)).portMappings.isEmpty)
        let future = """
        <domain><name>vm</name><metadata><e:ports xmlns:e="urn:eswitch:libvirt:ports:2"><e:port mac="52:54:00:00:00:01" id="p"/></e:ports></metadata></domain>
        """
        let error = try #require(throws: HookError.self) { try DomainDescription.parse(Array(future.utf8)) }
        #expect(error.description.contains("urn:eswitch:libvirt:ports:2"))
    }

    @Test func teardownReleasesEveryMappedPortEvenWithoutItsInterface() throws {
        // A NIC hot-unplugged after prepare is gone from the XML at stop; its port must still be released.
        let xml = HookFixtures.domain("vm", interfaces: [HookFixtures.tap("52:54:00:00:00:01", "t1")],
                                      ports: [("52:54:00:00:00:01", "p1"), ("52:54:00:00:00:09", "gone")])
        let domain = try DomainDescription.parse(xml)
        #expect(PortBindingPlan.mappedPorts(of: domain) == ["p1", "gone"])
        #expect(throws: HookError.self) { try PortBindingPlan.plugRequests(for: domain) }
    }
}
