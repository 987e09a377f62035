import Agent
import ControlAPI
import Daemon
import EswitchModel
import Foundation
import Logging
import Platform
import PlatformLinux
import SimNIC

/// Wires the agent to the platform the configuration names: the kernel (PlatformLinux) or an
/// emulated NIC (SimNIC); everything above the Platform protocols is the same.
public enum NodeWiring {
    /// The handler eswitchd runs.
    /// - Parameters:
    ///   - configuration: The daemon's configuration (platform, identity).
    ///   - catalog: The NIC models to recognise.
    ///   - logger: The agent's logger.
    /// - Throws: `DaemonStartupError` when a netlink socket cannot be opened or the simulated
    ///   profile is unknown.
    public static func handler(for configuration: DaemonConfiguration, catalog: ProfileCatalog, logger: Logger) throws -> AgentHandler {
        let platform = try agentPlatform(configuration.platform, catalog: catalog)
        let identity = DaemonIdentity(version: DaemonVersion.current, pid: getpid(), platform: configuration.platform.description)
        let agent = Agent(platform: platform, configuration: AgentConfiguration(profiles: catalog.profiles, identity: identity), logger: logger)
        return AgentHandler(agent: agent)
    }

    /// The Platform implementations of a platform selection.
    public static func agentPlatform(_ selection: PlatformSelection, catalog: ProfileCatalog) throws -> AgentPlatform {
        switch selection {
        case .linux:
            do throws(NetlinkTransportError) {
                return AgentPlatform(route: try NetlinkSocket(.route), generic: try NetlinkSocket(.generic),
                                     events: try NetlinkEventSocket(.route), pci: LibPCIDiscovery(), sriov: SysfsSRIOVControl(),
                                     drivers: SysfsVFDriverBinding())
            } catch {
                throw DaemonStartupError("cannot open netlink sockets: \(error)")
            }
        case .sim(let id):
            // An emulated host inside the daemon: it lives as long as the daemon does.
            let host = EmulatedHost(profile: try catalog.profile(id), configuration: EmulatedHostConfiguration(physicalFunctions: 1),
                                    clock: SystemSimNICClock())
            return simulatedPlatform(SimNICEndpoint(host: host))
        }
    }

    /// The Platform implementations of an emulated host (each daemon start on the same endpoint
    /// sees the same "hardware", as a restarted daemon sees the same NIC).
    public static func simulatedPlatform(_ endpoint: SimNICEndpoint) -> AgentPlatform {
        AgentPlatform(route: SimNetlinkTransport(endpoint: endpoint, protocol: .route),
                      generic: SimNetlinkTransport(endpoint: endpoint, protocol: .generic),
                      events: SimNetlinkEventSource(endpoint: endpoint), pci: SimPCIDiscovery(endpoint: endpoint),
                      sriov: SimSRIOVControl(endpoint: endpoint), drivers: SimVFDriverBinding(endpoint: endpoint))
    }
}
