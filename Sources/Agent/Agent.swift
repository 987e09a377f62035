import ControlAPI
import EswitchCompiler
import EswitchModel
import Logging
import Netlink
import Platform
import TCBackend

/// The daemon's core: sets up the node's NICs (VFs, switchdev mode, representors), plugs and
/// unplugs ports (VF or vDPA device, VF configuration, the port's rules, all or nothing), keeps the
/// eswitch's TC filters equal to the compiled intent (adopting its own filters on start-up,
/// removing only its own orphans, repairing drift, falling back to software where the NIC refuses),
/// and answers the local API's requests.
///
/// It sees only the Platform protocols (``AgentPlatform``) and does no file I/O: the daemon
/// persists ``snapshot()`` after every change and hands it back to ``start(restoring:)``.
///
/// Use: `init`, then ``start(restoring:)`` once; then ``handle(_:)`` for each API request and
/// ``runEventLoop(resyncEvery:)`` in a task of its own for kernel notifications and periodic
/// passes. Being an actor, requests are served one at a time between suspension points; slow
/// device operations (VF creation, vDPA devices) run off the actor with deadlines, so they do not
/// block status queries.
public actor Agent {
    let platform: AgentPlatform
    let configuration: AgentConfiguration
    let logger: Logger
    let links: LinkClient
    let filters: FilterClient
    var devlink: DevlinkClient?
    var vdpa: VDPAClient?
    /// Why vDPA devices cannot be created, when `vdpa` is nil.
    var vdpaUnavailable = "vdpa is not resolved yet"
    /// The managed PFs, by PCI address.
    var nics: [PCIAddress: ManagedNIC] = [:]
    /// The agent's VXLAN device.
    var tunnel: IfIndex?
    var intent: LoadedIntent?
    /// The PF of the intent's uplink, when it is managed.
    var uplinkPF: PCIAddress?
    var compiler: IncrementalCompiler?
    /// The compiler's rules placed for the uplink NIC's profile.
    var placement: Plan?
    /// Plugged ports.
    var bindings: [PortID: PortBindingRecord] = [:]
    /// Ports with a plug or unplug in progress.
    var busyPorts: Set<PortID> = []
    var allocator = VFAllocator()
    var reconciler = Reconciler()
    var isStarted = false

    /// - Parameters:
    ///   - platform: the host's (or emulated host's) Platform implementations.
    ///   - configuration: profiles, VF counts, device names, time limits.
    ///   - logger: where the agent logs (structured metadata: port, pf, vf, rule).
    public init(platform: AgentPlatform, configuration: AgentConfiguration, logger: Logger) {
        self.platform = platform
        self.configuration = configuration
        self.logger = logger
        links = LinkClient(transport: platform.route)
        filters = FilterClient(transport: platform.route)
    }

    /// The managed PFs now, ordered by address.
    public var managedNICs: [ManagedNIC] { nics.values.sorted { $0.pf < $1.pf } }

    /// The reconciler's counters since start.
    public var counters: ReconcileCounters { reconciler.counters }

    /// The plugged ports, by port id.
    public var portBindings: [PortID: PortBindingRecord] { bindings }

    /// The NIC that carries the intent's uplink (see ``resolveUplink()``).
    func uplinkNIC() -> ManagedNIC? { uplinkPF.flatMap { nics[$0] } }

    /// Finds the PF of the intent's uplink: the one it names by PCI address, or the managed PF
    /// whose physical port netdev has the name it gives (the intent's own words; the agent keeps
    /// the PF by address from then on).
    func resolveUplink() {
        uplinkPF = nil
        guard let uplink = intent?.state.node.uplink else { return }
        switch uplink {
        case .pci(let address):
            uplinkPF = nics[address] == nil ? nil : address
        case .netdev(let name):
            guard let table = try? links.links(), let index = table.first(where: { $0.name == name.rawValue })?.ifindex else { return }
            uplinkPF = nics.values.first { $0.representors.uplink == index }?.pf
        }
    }

    /// The representor of a plugged port, when its VF has one.
    func representor(of record: PortBindingRecord) -> IfIndex? {
        guard let vf = record.device.vf else { return nil }
        return nics[vf.pf]?.representors.vfs[vf.index]
    }
}

/// An intent document and its validated state.
struct LoadedIntent: Sendable {
    var document: IntentDocument
    var state: ValidatedNetworkState
}
