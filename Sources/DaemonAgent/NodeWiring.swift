import Agent
import ControlAPI
import Daemon
import EswitchModel
import Foundation
import Logging
import Platform
import PlatformLinux
import SimNIC
import SimNICRemote

/// Wires the agent to the platform the configuration names: the kernel (PlatformLinux) or an
/// emulated NIC (SimNIC in its own process); everything above the Platform protocols is the same.
public enum NodeWiring {
    /// The handler eswitchd runs.
    /// - Parameters:
    ///   - configuration: The daemon's configuration (platform, identity, emulator settings).
    ///   - catalog: The NIC models to recognise.
    ///   - logger: The agent's logger.
    /// - Throws: `DaemonStartupError` when a netlink socket cannot be opened, the simulated
    ///   profile is unknown, or the emulator cannot be found or started.
    public static func handler(for configuration: DaemonConfiguration, catalog: ProfileCatalog, logger: Logger) throws -> AgentHandler {
        let platform = try agentPlatform(for: configuration, catalog: catalog, logger: logger)
        let identity = DaemonIdentity(version: DaemonVersion.current, pid: getpid(), platform: configuration.platform.description)
        let agent = Agent(platform: platform, configuration: AgentConfiguration(profiles: catalog.profiles, identity: identity), logger: logger)
        return AgentHandler(agent: agent)
    }

    /// The Platform implementations of the configured platform; for `sim:PROFILE` the emulator
    /// process of `STATE_DIR/sim` is found, or started (see ``EmulatorWiring``).
    public static func agentPlatform(for configuration: DaemonConfiguration, catalog: ProfileCatalog, logger: Logger) throws -> AgentPlatform {
        switch configuration.platform {
        case .linux:
            do throws(NetlinkTransportError) {
                return AgentPlatform(route: try NetlinkSocket(.route), generic: try NetlinkSocket(.generic),
                                     events: try NetlinkEventSocket(.route), pci: LibPCIDiscovery(), sriov: SysfsSRIOVControl(),
                                     drivers: SysfsVFDriverBinding())
            } catch {
                throw DaemonStartupError("cannot open netlink sockets: \(error)")
            }
        case .sim(let id):
            let profile = try catalog.profile(id)
            let emulator = try EmulatorWiring.attach(profile: profile.id.rawValue, settings: configuration.sim,
                                                     stateDirectory: configuration.stateDirectory, catalog: catalog, logger: logger)
            return remotePlatform(socket: emulator.socket)
        }
    }

    /// The Platform implementations of an emulator process serving `socket` (each exchange kind on
    /// its own connection, as the kernel path uses one socket each).
    public static func remotePlatform(socket: String) -> AgentPlatform {
        let control = SimEmulatorControl(connection: SimRemoteConnection(path: socket))
        return AgentPlatform(route: SimRemoteNetlinkTransport(connection: SimRemoteConnection(path: socket), protocol: .route),
                             generic: SimRemoteNetlinkTransport(connection: SimRemoteConnection(path: socket), protocol: .generic),
                             events: SimRemoteEventSource(path: socket), pci: SimRemotePCIDiscovery(control: control),
                             sriov: SimRemoteSRIOVControl(connection: SimRemoteConnection(path: socket)),
                             drivers: SimRemoteDriverBinding(control: control))
    }

    /// The Platform implementations of an in-process emulated host (each daemon start on the same
    /// endpoint sees the same "hardware", as a restarted daemon sees the same NIC).
    public static func simulatedPlatform(_ endpoint: SimNICEndpoint) -> AgentPlatform {
        AgentPlatform(route: SimNetlinkTransport(endpoint: endpoint, protocol: .route),
                      generic: SimNetlinkTransport(endpoint: endpoint, protocol: .generic),
                      events: SimNetlinkEventSource(endpoint: endpoint), pci: SimPCIDiscovery(endpoint: endpoint),
                      sriov: SimSRIOVControl(endpoint: endpoint), drivers: SimEndpointDriverBinding(endpoint: endpoint))
    }
}
