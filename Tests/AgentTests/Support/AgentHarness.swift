@testable import Agent
import ControlAPI
import EswitchConfig
import EswitchModel
import Foundation
import Logging
import Netlink
import Platform
import SimNIC

/// NIC models from HardwareProfiles/ (beside Sources/).
enum TestProfiles {
    static func load(_ id: String) -> HardwareProfile {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("HardwareProfiles/\(id).yaml")
        // The profiles are part of the repository; a broken one is a test failure everywhere.
        return try! HardwareProfile(text: String(contentsOf: url, encoding: .utf8))
    }

    static let connectX6Dx = load("connectx-6dx")
    static let e810 = load("e810")
    static let software = load("software")
    static let all = [connectX6Dx, e810, software]
}

/// ``VFDriverBinding`` on the emulated host (what `echo BDF > .../unbind` does there).
struct SimVFDriverBinding: VFDriverBinding {
    let endpoint: SimNICEndpoint

    func unbind(vf: PCIAddress) throws(PlatformError) {
        do throws(SimNICError) {
            try endpoint.withHost { host throws(SimNICError) in try host.unbindVF(at: vf) }
        } catch {
            throw .systemCall(SystemCallError("write unbind \(vf)", errno: error.errno))
        }
    }

    func bind(vf: PCIAddress) throws(PlatformError) {
        do throws(SimNICError) {
            try endpoint.withHost { host throws(SimNICError) in try host.bindVF(at: vf) }
        } catch {
            throw .systemCall(SystemCallError("write bind \(vf)", errno: error.errno))
        }
    }
}

/// One emulated node: the host behind a SimNIC endpoint, and agents wired to it the way the daemon
/// wires PlatformLinux (a route transport, a generic transport, an event source, PCI discovery,
/// SR-IOV control). Several agents may be made on one node, one after the other, as daemon restarts.
struct SimNode {
    let endpoint: SimNICEndpoint
    /// The emulated host's time (action install and use times).
    let clock: ManualClock

    /// - Parameters:
    ///   - pfs: PFs to emulate (one keeps tests small).
    ///   - vfs: VFs at boot (none: the agent creates them).
    ///   - mode: eswitch mode at boot.
    init(profile: HardwareProfile = TestProfiles.connectX6Dx, pfs: Int = 1, vfs: Int = 0, mode: DevlinkEswitchMode = .legacy,
         ruleCapacity: Int? = nil) {
        clock = ManualClock()
        endpoint = SimNICEndpoint(host: EmulatedHost(profile: profile, configuration: EmulatedHostConfiguration(
            physicalFunctions: pfs, initialVFs: vfs, eswitchMode: mode, ruleCapacity: ruleCapacity), clock: clock))
    }

    var host: EmulatedHost { endpoint.host }

    /// The platform a daemon on this node would get; `sriov`, `drivers` and `route` may be
    /// wrapped by a test.
    func platform(events: SimNetlinkEventSource? = nil, sriov: (any SRIOVControl)? = nil,
                  route: (any NetlinkTransport)? = nil) -> AgentPlatform {
        AgentPlatform(route: route ?? SimNetlinkTransport(endpoint: endpoint, protocol: .route),
                      generic: SimNetlinkTransport(endpoint: endpoint, protocol: .generic),
                      events: events, pci: SimPCIDiscovery(endpoint: endpoint), sriov: sriov ?? SimSRIOVControl(endpoint: endpoint),
                      drivers: SimVFDriverBinding(endpoint: endpoint))
    }

    /// An agent on this node with quiet logs.
    func agent(platform: AgentPlatform? = nil, vfsPerPF: Int = 4, timeouts: AgentTimeouts = AgentTimeouts()) -> Agent {
        Agent(platform: platform ?? self.platform(),
              configuration: AgentConfiguration(profiles: TestProfiles.all, vfsPerPF: vfsPerPF, externalNextHop: MACAddress("02:00:00:00:00:fe"),
                                                timeouts: timeouts),
              logger: Logger(label: "agent-test") { _ in SwiftLogNoOpLogHandler() })
    }

    /// The filters of the host whose actions carry an ownership cookie.
    var cookieFilters: [SimFilter] {
        host.allFilters.filter { filter in filter.actions.allSatisfy { $0.requested.cookie?.count == 8 } && !filter.actions.isEmpty }
    }

    /// Each filter with the indexes of its actions: a filter deleted and added again gets new
    /// action indexes, so equal identities mean nothing was re-added.
    var filterIdentities: Set<FilterIdentity> {
        Set(host.allFilters.map { FilterIdentity(id: $0.id, actionIndexes: $0.actions.map(\.index)) })
    }

    /// The host's link called `name`.
    func link(_ name: String) -> SimLink? { host.link(named: name) }
}

/// A filter's identity in the emulated kernel, with its actions' indexes.
struct FilterIdentity: Hashable {
    var id: SimFilterID
    var actionIndexes: [UInt32]
}

extension ControlResponse {
    /// The failure, when the response is one.
    var failure: ControlFailure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }

    /// The report's JSON as a dictionary, when the response is a report.
    var reportObject: [String: Any]? {
        guard case .report(let report) = self else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(report.json.utf8))) as? [String: Any]
    }
}
