import EswitchModel

/// The answer to `status`: the node's NICs, its ports and their rules, the offload coverage and
/// what the reconciler changed since the daemon started.
public struct StatusReport: Hashable, Sendable, Codable {
    public var daemon: DaemonIdentity
    public var nics: [NICStatus]
    public var ports: [PortStatus]
    /// Share of the node's rules whose match runs in hardware, in percent (0...100).
    public var offloadCoverage: Double
    public var reconcile: ReconcileCounts

    public init(daemon: DaemonIdentity, nics: [NICStatus], ports: [PortStatus], offloadCoverage: Double, reconcile: ReconcileCounts) {
        self.daemon = daemon
        self.nics = nics
        self.ports = ports
        self.offloadCoverage = offloadCoverage
        self.reconcile = reconcile
    }

    enum CodingKeys: String, CodingKey {
        case daemon, nics, ports, reconcile
        case offloadCoverage = "offload_coverage_percent"
    }
}

/// One NIC (physical function) of the node.
public struct NICStatus: Hashable, Sendable, Codable {
    public var pci: PCIAddress
    /// The hardware profile matched by PCI ids (e.g. `connectx-6dx`).
    public var profile: String
    /// `legacy` or `switchdev`.
    public var eswitchMode: String
    public var vfsUsed: Int
    public var vfsTotal: Int
    /// The vDPA devices on this NIC's VFs.
    public var vdpaDevices: [String]

    public init(pci: PCIAddress, profile: String, eswitchMode: String, vfsUsed: Int, vfsTotal: Int, vdpaDevices: [String]) {
        self.pci = pci
        self.profile = profile
        self.eswitchMode = eswitchMode
        self.vfsUsed = vfsUsed
        self.vfsTotal = vfsTotal
        self.vdpaDevices = vdpaDevices
    }

    enum CodingKeys: String, CodingKey {
        case pci, profile
        case eswitchMode = "eswitch_mode"
        case vfsUsed = "vfs_used"
        case vfsTotal = "vfs_total"
        case vdpaDevices = "vdpa_devices"
    }
}

/// One port of the intent on this node.
public struct PortStatus: Hashable, Sendable, Codable {
    public var port: PortID
    /// The libvirt domain holding the port, nil when unplugged.
    public var vm: String?
    /// The VF (PCI address), vDPA device or software device in use.
    public var device: String?
    /// The representor netdev in the eswitch.
    public var representor: String?
    public var rulesInHardware: Int
    public var rulesInSoftware: Int
    public var packetsInHardware: UInt64
    public var packetsInSoftware: UInt64

    public init(port: PortID, vm: String?, device: String?, representor: String?, rulesInHardware: Int, rulesInSoftware: Int,
                packetsInHardware: UInt64, packetsInSoftware: UInt64) {
        self.port = port
        self.vm = vm
        self.device = device
        self.representor = representor
        self.rulesInHardware = rulesInHardware
        self.rulesInSoftware = rulesInSoftware
        self.packetsInHardware = packetsInHardware
        self.packetsInSoftware = packetsInSoftware
    }

    enum CodingKeys: String, CodingKey {
        case port, vm, device, representor
        case rulesInHardware = "rules_in_hardware"
        case rulesInSoftware = "rules_in_software"
        case packetsInHardware = "packets_in_hardware"
        case packetsInSoftware = "packets_in_software"
    }
}

/// Rules the reconciler found installed and kept (adopted), added and deleted.
public struct ReconcileCounts: Hashable, Sendable, Codable {
    public var adopted: Int
    public var added: Int
    public var deleted: Int

    public init(adopted: Int = 0, added: Int = 0, deleted: Int = 0) {
        self.adopted = adopted
        self.added = added
        self.deleted = deleted
    }

    /// Both counts added up.
    public static func + (a: ReconcileCounts, b: ReconcileCounts) -> ReconcileCounts {
        ReconcileCounts(adopted: a.adopted + b.adopted, added: a.added + b.added, deleted: a.deleted + b.deleted)
    }
}
