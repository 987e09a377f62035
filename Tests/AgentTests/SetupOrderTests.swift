@testable import Agent
import EswitchModel
import Netlink
import Platform
import SimNIC
import Testing

/// NIC set-up: the driver-correct order per profile (mlx5 unbinds VFs around the mode change, ice
/// changes the mode before VFs exist), adoption of a PF already set up, rollback of a failed mode
/// change, PFs set up in parallel with deadlines.
@Suite("NIC set-up")
struct SetupOrderTests {
    static let pf0 = PCIAddress("0000:03:00.0")!

    @Test("the planner orders the steps by the profile's mode-change rules")
    func plannedOrder() {
        let mlx5 = TestProfiles.connectX6Dx, ice = TestProfiles.e810
        #expect(SetupPlanner.steps(profile: mlx5, mode: .legacy, currentVFs: 0, desiredVFs: 4) == [.createVFs(4), .unbindVFs, .switchdev, .bindVFs])
        #expect(SetupPlanner.steps(profile: mlx5, mode: .legacy, currentVFs: 2, desiredVFs: 4) == [.unbindVFs, .switchdev, .bindVFs])
        #expect(SetupPlanner.steps(profile: ice, mode: .legacy, currentVFs: 0, desiredVFs: 4) == [.switchdev, .createVFs(4)])
        #expect(SetupPlanner.steps(profile: ice, mode: .legacy, currentVFs: 2, desiredVFs: 4) == [.removeVFs, .switchdev, .createVFs(4)])
        // Already set up: adopted as it is (VMs may hold its VFs); VFs only where there are none.
        #expect(SetupPlanner.steps(profile: mlx5, mode: .switchdev, currentVFs: 4, desiredVFs: 8).isEmpty)
        #expect(SetupPlanner.steps(profile: ice, mode: .switchdev, currentVFs: 0, desiredVFs: 4) == [.createVFs(4)])
        // No switchdev (a DPU's host PF, the software profile): VFs only.
        let dpu = TestProfiles.load("bluefield-2")
        #expect(SetupPlanner.steps(profile: dpu, mode: nil, currentVFs: 0, desiredVFs: 4) == [.createVFs(4)])
    }

    @Test("ConnectX-6 Dx: VFs created, unbound, switchdev, bound again; representors by vfnum")
    func connectX6Dx() async throws {
        let node = SimNode(profile: TestProfiles.connectX6Dx)
        let report = try await node.agent(vfsPerPF: 4).start()
        #expect(report.problems.isEmpty)
        let nic = try #require(report.nics.first)
        #expect(nic.setupSteps == [.createVFs(4), .unbindVFs, .switchdev, .bindVFs])
        let pf = try #require(node.host.physicalFunction(at: Self.pf0))
        #expect(pf.eswitchMode == .switchdev)
        #expect(pf.vfs.count == 4 && pf.vfs.allSatisfy { $0.isBound })
        #expect(nic.representors.uplink == pf.netdev)
        for vf in pf.vfs { #expect(nic.representors.vfs[VFIndex(vf.number)] == vf.representor) }
    }

    @Test("E810: switchdev first, then VFs; VFs left from legacy mode are removed first")
    func e810() async throws {
        let fresh = SimNode(profile: TestProfiles.e810)
        let first = try #require(try await fresh.agent(vfsPerPF: 3).start().nics.first)
        #expect(first.setupSteps == [.switchdev, .createVFs(3)])
        #expect(fresh.host.physicalFunctions[0].eswitchMode == .switchdev)
        #expect(fresh.host.physicalFunctions[0].vfs.allSatisfy { $0.representor != nil })

        let withVFs = SimNode(profile: TestProfiles.e810, vfs: 2)
        let second = try #require(try await withVFs.agent(vfsPerPF: 3).start().nics.first)
        #expect(second.setupSteps == [.removeVFs, .switchdev, .createVFs(3)])
        #expect(second.isReady && second.vfCount == 3)
    }

    @Test("a PF already in switchdev mode with VFs is adopted untouched")
    func adoptsSetUpPF() async throws {
        let node = SimNode(profile: TestProfiles.connectX6Dx, vfs: 6, mode: .switchdev)
        let links = node.host.links
        let nic = try #require(try await node.agent(vfsPerPF: 4).start().nics.first)
        #expect(nic.setupSteps.isEmpty)
        #expect(nic.vfCount == 6)
        // The agent adds its tunnel device and nothing else.
        #expect(node.host.links.values.filter { links[$0.ifindex] == nil }.map(\.name) == ["eswitch-vxlan"])
    }

    @Test("a failed mode change binds the VFs again and leaves the PF out, with the driver's reason")
    func failedModeChange() async throws {
        let node = SimNode(profile: TestProfiles.connectX6Dx)
        try node.endpoint.withHost { host throws(SimNICError) in
            host.faults.nextModeChange = SimNICError(.ioError, "mlx5_core: Failed setting eswitch to offloads")
        }
        let agent = node.agent(vfsPerPF: 2)
        let report = try await agent.start()
        let nic = try #require(report.nics.first)
        #expect(!nic.isReady)
        #expect(nic.failure?.contains("Failed setting eswitch to offloads") == true)
        #expect(report.problems.count == 1)
        #expect(node.host.physicalFunctions[0].vfs.allSatisfy { $0.isBound })
        #expect(node.host.physicalFunctions[0].eswitchMode == .legacy)
        // Such a PF hands out no VF.
        _ = try await agent.applyIntent(TestIntent.document(TestIntent.ports(1)))
        let failure = await agent.handle(.plug(.init(port: "p1", domain: "vm-p1", kind: .hostdev))).failure
        #expect(failure?.code == .unavailable)
        #expect(failure?.message.contains("not ready") == true)
    }

    @Test("PFs are set up in parallel")
    func parallelSetUp() async throws {
        let node = SimNode(profile: TestProfiles.connectX6Dx, pfs: 2)
        let sriov = ControlledSRIOV(SimSRIOVControl(endpoint: node.endpoint), expectedConcurrent: 2)
        let report = try await node.agent(platform: node.platform(sriov: sriov), vfsPerPF: 2).start()
        #expect(report.nics.count == 2 && report.nics.allSatisfy { $0.isReady })
        #expect(sriov.observedMaxInFlight == 2)
    }

    @Test("a PF whose set-up misses its deadline is reported and the others still work")
    func setUpDeadline() async throws {
        let node = SimNode(profile: TestProfiles.connectX6Dx)
        let slow = ControlledSRIOV(SimSRIOVControl(endpoint: node.endpoint), delay: 1.5)
        let timeouts = AgentTimeouts(setupBase: .milliseconds(200), perVFCreation: .zero, deviceOperation: .seconds(5))
        let agent = node.agent(platform: node.platform(sriov: slow), vfsPerPF: 2, timeouts: timeouts)
        let report = try await agent.start()
        #expect(report.nics.first?.isReady == false)
        #expect(report.nics.first?.failure?.contains("did not finish within") == true)
        // The agent answers requests even so.
        if case .report = await agent.handle(.status) {} else { Issue.record("status must answer") }
    }
}
