@testable import Agent
import ControlAPI
import EswitchModel
import Netlink
import SimNIC
import Testing

/// Plug, verify and unplug of VF, vDPA and software ports; refusals; concurrency; rollback.
@Suite("Port lifecycle")
struct PortLifecycleTests {
    /// A started agent on `node` with `ports` in its intent.
    static func agent(_ node: SimNode, ports: [TestIntent.LocalPort], vfsPerPF: Int = 4, platform: AgentPlatform? = nil) async throws -> Agent {
        let agent = node.agent(platform: platform, vfsPerPF: vfsPerPF)
        _ = try await agent.start()
        _ = try await agent.applyIntent(TestIntent.document(ports))
        return agent
    }

    @Test("plug configures the VF and installs the port's rules; verify; unplug undoes it all")
    func plugVerifyUnplug() async throws {
        let node = SimNode()
        let agent = try await Self.agent(node, ports: TestIntent.ports(2))
        let attachment = try await agent.plug(PlugRequest(port: "p1", domain: "vm-p1", kind: .hostdev, mac: MACAddress("52:54:00:00:01:01")))
        guard case .vf(let address, let pf, let index, let representor) = attachment.device else { Issue.record("not a VF"); return }
        #expect(pf == PCIAddress("0000:03:00.0") && index == VFIndex(0) && address == PCIAddress("0000:03:00.2"))
        #expect(representor == "pf0vf0")
        #expect(attachment.rulesInHardware > 0)
        let vf = node.host.physicalFunctions[0].vfs[0]
        #expect(vf.config.mac == MACAddress("52:54:00:00:01:01"))
        #expect(vf.config.spoofCheck && !vf.config.trust && vf.config.vlan == 0)
        let rep = try #require(vf.representor)
        #expect(node.cookieFilters.contains { $0.id.ifindex == rep && $0.inHardware })

        let verified = await agent.handle(.verify("p1"))
        #expect(verified == .verified(attachment))

        // Plugging again for the same domain is answered with the same attachment (a hook retry).
        #expect(try await agent.plug(PlugRequest(port: "p1", domain: "vm-p1", kind: .hostdev)) == attachment)
        // Another domain cannot take it, nor unplug it.
        #expect(await agent.handle(.plug(PlugRequest(port: "p1", domain: "intruder", kind: .hostdev))).failure?.code == .unavailable)
        #expect(await agent.handle(.unplug(UnplugRequest(port: "p1", domain: "intruder"))).failure?.code == .unavailable)

        #expect(await agent.handle(.unplug(UnplugRequest(port: "p1", domain: "vm-p1"))) == .unplugged("p1"))
        #expect(node.cookieFilters.isEmpty)
        #expect(node.host.physicalFunctions[0].vfs[0].config.mac == .zero)
        #expect(await agent.handle(.verify("p1")).failure?.code == .notFound)
        // Unplugging twice (libvirt's stopped, then release) is fine.
        #expect(await agent.handle(.unplug(UnplugRequest(port: "p1", domain: "vm-p1"))) == .unplugged("p1"))
        // The VF is free again.
        let again = try await agent.plug(PlugRequest(port: "p2", domain: "vm-p2", kind: .hostdev))
        guard case .vf(_, _, let reused, _) = again.device else { Issue.record("not a VF"); return }
        #expect(reused == VFIndex(0))
    }

    @Test("a vdpa port gets a vDPA device on its VF with the port's MAC, removed on unplug")
    func vdpaPort() async throws {
        let node = SimNode()
        let agent = try await Self.agent(node, ports: TestIntent.ports(1, binding: "vdpa"))
        let attachment = try await agent.plug(PlugRequest(port: "p1", domain: "vm-p1", kind: .vdpa))
        guard case .vdpa(let name, let vf, _) = attachment.device else { Issue.record("not vDPA"); return }
        let device = try #require(node.host.vdpaDevices.first)
        #expect(device.name == name && device.managementDevice == vf && device.mac == MACAddress("52:54:00:00:01:01"))
        #expect(await agent.handle(.verify("p1")) == .verified(attachment))
        try await agent.unplug(UnplugRequest(port: "p1", domain: "vm-p1"))
        #expect(node.host.vdpaDevices.isEmpty)
    }

    @Test("a software port takes no VF and installs nothing")
    func softwarePort() async throws {
        let node = SimNode()
        let agent = try await Self.agent(node, ports: TestIntent.ports(1, binding: "software"))
        let attachment = try await agent.plug(PlugRequest(port: "p1", domain: "vm-p1", kind: .ethernet, targetDevice: "vnet0"))
        #expect(attachment.device == .software(device: "vnet0"))
        #expect(node.cookieFilters.isEmpty)
        #expect(node.host.physicalFunctions[0].vfs.allSatisfy { $0.config.mac == .zero })
    }

    @Test("a requested VF is honoured when free and refused when held")
    func requestedVF() async throws {
        let node = SimNode()
        let agent = try await Self.agent(node, ports: TestIntent.ports(2))
        let vf2 = node.host.physicalFunctions[0].vfs[2].address
        let first = try await agent.plug(PlugRequest(port: "p1", domain: "vm-p1", kind: .hostdev, requestedVF: vf2))
        guard case .vf(let address, _, _, _) = first.device else { Issue.record("not a VF"); return }
        #expect(address == vf2)
        let taken = await agent.handle(.plug(PlugRequest(port: "p2", domain: "vm-p2", kind: .hostdev, requestedVF: vf2))).failure
        #expect(taken?.code == .unavailable)
        #expect(taken?.message == "plug p2: VF \(vf2) is held by port p1")
        let notAVF = await agent.handle(.plug(PlugRequest(port: "p2", domain: "vm-p2", kind: .hostdev, requestedVF: PCIAddress("0000:04:00.0")))).failure
        #expect(notAVF?.code == .notFound)
    }

    @Test("requests that contradict the intent are refused with one line, nothing changes")
    func refusals() async throws {
        let node = SimNode()
        let agent = try await Self.agent(node, ports: TestIntent.ports(1))
        let cases: [(PlugRequest, ControlFailure.Code, String)] = [
            (PlugRequest(port: "p1", domain: "vm-p1", kind: .vdpa), .badRequest, "interface type vdpa does not fit the port's binding vf"),
            (PlugRequest(port: "p1", domain: "vm-p1", kind: .hostdev, mac: MACAddress("52:54:00:00:09:09")), .badRequest, "not the port's"),
            (PlugRequest(port: "nope", domain: "vm", kind: .hostdev), .notFound, "port nope is not in the intent"),
            (PlugRequest(port: "remote-1", domain: "vm", kind: .hostdev), .notFound, "is on node node-b"),
        ]
        for (request, code, text) in cases {
            let failure = await agent.handle(.plug(request)).failure
            #expect(failure?.code == code)
            #expect(failure?.message.contains(text) == true)
            #expect(failure?.message.contains("\n") == false)
        }
        #expect(node.cookieFilters.isEmpty)
        #expect(await agent.snapshot().ports.isEmpty)
    }

    @Test("20 concurrent plugs get 20 different VFs, each configured with its port's MAC")
    func concurrentPlugs() async throws {
        let node = SimNode()
        let ports = TestIntent.ports(20)
        let agent = try await Self.agent(node, ports: ports, vfsPerPF: 24)
        let attachments = try await withThrowingTaskGroup(of: PortAttachment.self) { group in
            for port in ports {
                group.addTask { try await agent.plug(PlugRequest(port: PortID(port.id), domain: "vm-\(port.id)", kind: .hostdev)) }
            }
            var out: [PortAttachment] = []
            for try await attachment in group { out.append(attachment) }
            return out
        }
        var byPort: [PortID: VFIndex] = [:]
        for attachment in attachments {
            guard case .vf(_, _, let index, _) = attachment.device else { continue }
            byPort[attachment.port] = index
        }
        #expect(byPort.count == 20)
        #expect(Set(byPort.values).count == 20)
        let vfs = node.host.physicalFunctions[0].vfs
        for port in ports {
            let index = try #require(byPort[PortID(port.id)])
            #expect(vfs[Int(index.rawValue)].config.mac == MACAddress(port.mac))
        }
        #expect(await agent.snapshot().ports.count == 20)
    }

    @Test("a vDPA device the NIC cannot create rolls the plug back: VF reset and released, no rules")
    func rollbackOnVDPAFailure() async throws {
        // E810 has no vDPA: its VFs offer no management device, so the step after the VF
        // configuration fails.
        let node = SimNode(profile: TestProfiles.e810)
        let agent = try await Self.agent(node, ports: TestIntent.ports(2, binding: "vdpa"))
        let failure = await agent.handle(.plug(PlugRequest(port: "p1", domain: "vm-p1", kind: .vdpa))).failure
        #expect(failure?.code == .platform)
        #expect(failure?.message.contains("Fail to find the specified") == true)
        #expect(failure?.message.hasPrefix("plug p1: create vDPA device") == true)
        #expect(node.host.physicalFunctions[0].vfs.allSatisfy { $0.config.mac == .zero })
        #expect(node.cookieFilters.isEmpty)
        #expect(await agent.snapshot().ports.isEmpty)
        let status = try #require(await agent.handle(.status).reportObject)
        let nics = try #require(status["nics"] as? [[String: Any]])
        #expect((nics.first?["vfs"] as? [String: Any])?["used"] as? Int == 0)
    }

    @Test("a rule the kernel refuses midway rolls the plug back, rules installed before it included")
    func rollbackOnRuleFailure() async throws {
        let node = SimNode()
        let route = FailingTransport(SimNetlinkTransport(endpoint: node.endpoint, protocol: .route), errno: 5, extack: "simulated firmware error")
        let agent = try await Self.agent(node, ports: TestIntent.ports(2), platform: node.platform(route: route))
        _ = try await agent.plug(PlugRequest(port: "p2", domain: "vm-p2", kind: .hostdev))
        let before = node.filterIdentities
        let repOfVF1 = try #require(node.host.physicalFunctions[0].vfs[1].representor)
        // Refuse the filters of one chain on p1's representor, after others went in.
        route.refuse { message in
            guard message.type == RTM.newTFilter, case .filter(let filter) = message.body else { return false }
            return filter.header.ifindex == repOfVF1 && (filter.chain ?? 0) == 2
        }
        let failure = await agent.handle(.plug(PlugRequest(port: "p1", domain: "vm-p1", kind: .hostdev))).failure
        route.refuse(nil)
        #expect(failure?.code == .platform)
        #expect(failure?.message.contains("simulated firmware error") == true)
        #expect(node.filterIdentities == before)  // p2's rules untouched, p1's gone
        #expect(node.host.physicalFunctions[0].vfs[1].config.mac == .zero)
        #expect(await agent.snapshot().ports.map(\.port) == ["p2"])
        // The VF is free: the retry gets it.
        let retry = try await agent.plug(PlugRequest(port: "p1", domain: "vm-p1", kind: .hostdev))
        guard case .vf(_, _, let index, _) = retry.device else { Issue.record("not a VF"); return }
        #expect(index == VFIndex(1))
        // A failed plug leaves no NIC refusal behind: the retry offers every rule to the NIC again.
        #expect(retry.rulesInSoftware == 0)
    }
}
