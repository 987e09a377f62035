/// What one NIC model's embedded switch can do: identity, SR-IOV, switchdev ordering rules, the TC
/// flower keys and actions it offloads (per port kind), tunnels, conntrack, table sizes and rates.
///
/// Profiles are read from HardwareProfiles/*.yaml (EswitchConfig). The compiler asks them where a
/// rule can be placed; SimNIC uses them to behave like the model. A profile with no PCI identity
/// and no rule capacity is software-only: everything it is asked about is placed in software.
public struct HardwareProfile: Hashable, Sendable, Codable {
    /// The stable name, e.g. `connectx-6dx`.
    public var id: HardwareProfileID
    /// The short name used in reasons, e.g. `E810` in "E810: action tunnel_key set on representor not supported".
    public var name: String
    /// The vendor, as people say it.
    public var vendor: String
    /// The model, as the PCI id database names it.
    public var model: String
    /// The kernel driver of the PF (`mlx5_core`, `ice`); nil for the software-only profile.
    public var driver: String?
    /// PCI ids of the PF and its VFs; nil for the software-only profile.
    public var pci: PCIIdentity?
    /// Physical ports, each with its own PF.
    public var ports: Int
    /// SR-IOV limits; nil when the model has no SR-IOV.
    public var sriov: SRIOV?
    /// True when the eswitch can be put in switchdev mode (representors, TC offload).
    public var switchdev: Bool
    /// What must hold while the eswitch mode changes; nil when there is no switchdev mode.
    public var modeChangeRules: ModeChangeRules?
    /// vDPA (virtio data path in hardware) support; nil when the model has none.
    public var vdpa: VDPA?
    /// The flower keys the driver offloads, each possibly limited to some port kinds.
    public var matchKeys: [KeySupport]
    /// The actions the driver offloads, each possibly limited to some port kinds.
    public var actions: [ActionSupport]
    /// The most actions one offloaded rule may carry; nil when the driver sets no such limit.
    public var maxActionsPerRule: Int?
    /// True when IP addresses can be matched under a prefix (partial) mask, not only exactly.
    public var prefixMatch: Bool
    /// Tunnel encapsulation, decapsulation and outer-header matching.
    public var tunnels: Tunnels
    /// Connection tracking offload; nil when conntrack stays in software.
    public var ctOffload: CTOffload?
    /// TC chain and priority limits.
    public var chains: Chains
    /// How many rules the eswitch tables can hold in hardware (0 for software-only).
    public var ruleCapacity: Int
    /// Published rule insertion rates, by steering engine.
    public var insertionRates: [InsertionRate]
    /// Published device set-up latencies.
    public var latencies: Latencies?

    public init(
        id: HardwareProfileID, name: String, vendor: String, model: String, driver: String?, pci: PCIIdentity?,
        ports: Int, sriov: SRIOV?, switchdev: Bool, modeChangeRules: ModeChangeRules?, vdpa: VDPA?,
        matchKeys: [KeySupport], actions: [ActionSupport], maxActionsPerRule: Int?, prefixMatch: Bool,
        tunnels: Tunnels, ctOffload: CTOffload?, chains: Chains, ruleCapacity: Int,
        insertionRates: [InsertionRate], latencies: Latencies?
    ) {
        self.id = id
        self.name = name
        self.vendor = vendor
        self.model = model
        self.driver = driver
        self.pci = pci
        self.ports = ports
        self.sriov = sriov
        self.switchdev = switchdev
        self.modeChangeRules = modeChangeRules
        self.vdpa = vdpa
        self.matchKeys = matchKeys
        self.actions = actions
        self.maxActionsPerRule = maxActionsPerRule
        self.prefixMatch = prefixMatch
        self.tunnels = tunnels
        self.ctOffload = ctOffload
        self.chains = chains
        self.ruleCapacity = ruleCapacity
        self.insertionRates = insertionRates
        self.latencies = latencies
    }

    /// True for the profile that offloads nothing (dry runs, hosts without a SmartNIC).
    public var isSoftwareOnly: Bool { pci == nil && ruleCapacity == 0 && matchKeys.isEmpty && actions.isEmpty }

    enum CodingKeys: String, CodingKey {
        case id, name, vendor, model, driver, pci, ports, sriov, switchdev
        case modeChangeRules = "mode_change"
        case vdpa
        case matchKeys = "match_keys"
        case actions
        case maxActionsPerRule = "max_actions_per_rule"
        case prefixMatch = "prefix_match"
        case tunnels
        case ctOffload = "ct_offload"
        case chains
        case ruleCapacity = "rule_capacity"
        case insertionRates = "insertion_rates"
        case latencies
    }
}
