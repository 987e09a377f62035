import ControlAPI
import EswitchModel
import TCBackend

/// What the daemon decides for the agent: the NIC models it knows, how many VFs each PF gets, the
/// devices it creates, and its time limits. Everything has a default but the profiles.
public struct AgentConfiguration: Sendable {
    /// The hardware profiles to match discovered PCI functions against (by PCI vendor and device
    /// id); a PF that matches none is not managed.
    public var profiles: [HardwareProfile]
    /// VFs to create on each managed PF that has none (capped at its TotalVFs). A PF that already
    /// has VFs keeps its count: changing it would remove VFs that VMs may hold.
    public var vfsPerPF: Int
    /// The PFs to manage; nil manages every PF that matches a profile.
    public var managedPFs: Set<PCIAddress>?
    /// The external-mode (collect_md) VXLAN device the agent creates, if missing, for encapsulation
    /// and decapsulation rules.
    public var tunnelDevice: InterfaceName
    /// The UDP port of that device (4789, IANA).
    public var tunnelPort: UInt16
    /// The underlay next hop's MAC, for rules that send traffic out of the cloud unencapsulated;
    /// nil leaves those rules out of TC (reported as not installed).
    public var externalNextHop: MACAddress?
    /// `trust on` for VFs (lets guests set promiscuous mode and change MACs). Off by default.
    public var trustVFs: Bool
    /// The qdisc that carries the ingress filters.
    public var qdisc: TCQdiscKind
    /// A hardware rule capacity to plan for instead of the profile's (room left to other users).
    public var ruleCapacity: Int?
    /// Time limits of device operations.
    public var timeouts: AgentTimeouts
    /// How `ping` answers.
    public var identity: DaemonIdentity

    /// - Parameter profiles: the NIC models to recognise (normally every file of HardwareProfiles/).
    public init(profiles: [HardwareProfile], vfsPerPF: Int = 8, managedPFs: Set<PCIAddress>? = nil,
                tunnelDevice: InterfaceName = "eswitch-vxlan", tunnelPort: UInt16 = 4789, externalNextHop: MACAddress? = nil,
                trustVFs: Bool = false, qdisc: TCQdiscKind = .clsact, ruleCapacity: Int? = nil,
                timeouts: AgentTimeouts = AgentTimeouts(),
                identity: DaemonIdentity = DaemonIdentity(version: "0", pid: 0, platform: "unknown")) {
        self.profiles = profiles
        self.vfsPerPF = vfsPerPF
        self.managedPFs = managedPFs
        self.tunnelDevice = tunnelDevice
        self.tunnelPort = tunnelPort
        self.externalNextHop = externalNextHop
        self.trustVFs = trustVFs
        self.qdisc = qdisc
        self.ruleCapacity = ruleCapacity
        self.timeouts = timeouts
        self.identity = identity
    }
}

/// Deadlines of the device operations that can hang or take long on real hardware.
public struct AgentTimeouts: Hashable, Sendable {
    /// The set-up of one PF, before VF creation is counted (mode change, representor mapping).
    public var setupBase: Duration
    /// Added to a PF's set-up deadline per VF it creates (mlx5 takes about 0.5 s per VF).
    public var perVFCreation: Duration
    /// One VF configuration or vDPA device change during plug and unplug.
    public var deviceOperation: Duration

    /// Deadlines; the defaults suit real hardware (mlx5 VF creation ~0.5 s per VF, vDPA devices ~1 s).
    public init(setupBase: Duration = .seconds(30), perVFCreation: Duration = .seconds(2), deviceOperation: Duration = .seconds(15)) {
        self.setupBase = setupBase
        self.perVFCreation = perVFCreation
        self.deviceOperation = deviceOperation
    }
}
