import EswitchModel
import Netlink
import Platform

/// The state of one emulated node: the NIC's physical and virtual functions as a
/// ``HardwareProfile`` describes them, every netdev, qdisc, tc filter (with counters), neighbour
/// and FDB entry, and vDPA device.
///
/// It is a value: the mutating methods change it the way the kernel and the profile's driver would,
/// or throw the ``SimNICError`` they would return (errno + extack). ``SimNICEndpoint`` drives it
/// from netlink bytes; tests may also read and change it directly. Interface indexes are handed
/// out deterministically (lo is 1, then increasing, never reused), so a scenario replays to the
/// same state.
public struct EmulatedHost: Sendable {
    /// The NIC model emulated.
    public let profile: HardwareProfile
    /// The layout the host started with.
    public let configuration: EmulatedHostConfiguration
    /// Every netdev, by interface index.
    public internal(set) var links: [IfIndex: SimLink] = [:]
    /// The NIC's physical functions, by PF number.
    public internal(set) var physicalFunctions: [SimPhysicalFunction] = []
    /// Ingress/clsact qdiscs, by device.
    public internal(set) var qdiscs: [IfIndex: SimQdisc] = [:]
    /// Neighbour and FDB entries, in creation order.
    public internal(set) var neighbours: [SimNeighbour] = []
    /// vDPA devices, in creation order.
    public internal(set) var vdpaDevices: [SimVDPADevice] = []
    /// Faults armed for the next operations.
    public var faults = SimNICFaults()
    /// The host's time source.
    public let clock: any SimNICClock

    var blocks: [TCBlockID: TCBlock] = [:]
    var nextIfIndex: UInt32 = 1
    var nextActionIndex = ActionIndexCounters()
    /// Filters currently in the emulated hardware (the profile's table is shared by the card).
    public internal(set) var hardwareRuleCount = 0
    /// Changes not yet turned into notifications (drained by the endpoint). Every change also
    /// advances ``generation``.
    var events: [SimEvent] = [] { didSet { generation &+= 1 } }
    /// Advances whenever the host's netdevs, qdiscs, filters or neighbours change (whatever the
    /// kernel would notify), so that a data plane forwarding on another thread sees with one
    /// integer comparison that it must reload. Counter updates do not advance it.
    public private(set) var generation: UInt64 = 0
    let dialect: DriverDialect
    /// The profile's key and action support as bit sets.
    let offloadTable: OffloadSupportTable

    /// Builds a host from `profile`: lo, then each PF with its netdev, then the initial VFs.
    ///
    /// - Parameters:
    ///   - configuration: layout, naming and start state.
    ///   - clock: time source for counters and latencies (a ``ManualClock`` in tests).
    public init(profile: HardwareProfile, configuration: EmulatedHostConfiguration = EmulatedHostConfiguration(),
                clock: any SimNICClock = ManualClock()) {
        self.profile = profile
        self.configuration = configuration
        self.clock = clock
        self.dialect = DriverDialect(profile: profile)
        self.offloadTable = OffloadSupportTable(profile: profile)
        _ = addLink(name: "lo", role: .loopback, mac: .zero, mtu: 65536, isUp: true)
        links[IfIndex(1)]?.maxMTU = 65536
        let pfCount = profile.pci == nil ? 0 : max(0, configuration.physicalFunctions ?? profile.ports)
        for number in 0..<pfCount { addPhysicalFunction(number) }
        for index in physicalFunctions.indices {
            physicalFunctions[index].eswitchMode = canChangeMode ? configuration.eswitchMode : .legacy
            if configuration.initialVFs > 0 {
                let count = min(configuration.initialVFs, Int(physicalFunctions[index].sriov.totalVFs))
                createVFs(count, onPF: index)
            }
        }
        events.removeAll()
    }

    /// True when the host's driver implements eswitch mode changes (a switchdev-capable model
    /// whose eswitch is managed from the host).
    var canChangeMode: Bool {
        profile.switchdev && profile.modeChangeRules != nil && profile.modeChangeRules?.eswitchManager == .host
    }

    // MARK: Lookups

    /// The link called `name`.
    public func link(named name: String) -> SimLink? {
        links.values.first { $0.name == name }
    }

    /// The links in interface-index order (the order dumps use).
    public var orderedLinks: [SimLink] {
        links.keys.sorted().compactMap { links[$0] }
    }

    /// The PF at `address`.
    public func physicalFunction(at address: PCIAddress) -> SimPhysicalFunction? {
        physicalFunctions.first { $0.address == address }
    }

    /// The PF and VF at `address`, when a VF has that address.
    public func virtualFunction(at address: PCIAddress) -> (pf: SimPhysicalFunction, vf: SimVirtualFunction)? {
        for pf in physicalFunctions {
            if let vf = pf.vfs.first(where: { $0.address == address }) { return (pf, vf) }
        }
        return nil
    }

    /// The eswitch identity shared by the PFs and representors of the card (IFLA_PHYS_SWITCH_ID).
    public var switchID: [UInt8] {
        let vendor = profile.pci?.vendorID.rawValue ?? 0
        let device = profile.pci?.pfDeviceIDs.first?.rawValue ?? 0
        return [0, 0, UInt8(vendor >> 8), UInt8(vendor & 0xFF), UInt8(device >> 8), UInt8(device & 0xFF),
                UInt8(truncatingIfNeeded: configuration.domain), configuration.bus]
    }

    /// The hardware rule capacity in force (the profile's, unless the configuration overrides it).
    public var ruleCapacity: Int { configuration.ruleCapacity ?? profile.ruleCapacity }

    // MARK: Building

    /// Adds a link with the next free interface index (or `ifindex` when given and free).
    @discardableResult
    mutating func addLink(name: String, role: SimLinkRole, mac: MACAddress, mtu: UInt32 = 1500, isUp: Bool = false,
                          ifindex: IfIndex? = nil, linkInfo: LinkInfo? = nil) -> IfIndex {
        let index = ifindex.flatMap { links[$0] == nil && $0.rawValue != 0 ? $0 : nil } ?? allocateIfIndex()
        links[index] = SimLink(ifindex: index, name: name, role: role, mtu: mtu, mac: mac, isUp: isUp, linkInfo: linkInfo)
        events.append(.linkChanged(index))
        return index
    }

    /// The next interface index: increasing from the last one handed out, skipping used ones.
    mutating func allocateIfIndex() -> IfIndex {
        while links[IfIndex(nextIfIndex)] != nil || nextIfIndex == 0 { nextIfIndex &+= 1 }
        let index = IfIndex(nextIfIndex)
        nextIfIndex &+= 1
        return index
    }

    /// Removes a link and everything that hangs on it (qdisc, filters, neighbours).
    mutating func removeLink(_ ifindex: IfIndex) {
        guard let link = links[ifindex] else { return }
        if qdiscs[ifindex] != nil { removeQdisc(on: ifindex) }
        let gone = neighbours.filter { $0.message.ifindex == ifindex }
        neighbours.removeAll { $0.message.ifindex == ifindex }
        for entry in gone { events.append(.neighbourRemoved(entry)) }
        links[ifindex] = nil
        events.append(.linkRemoved(link))
    }

    mutating func addPhysicalFunction(_ number: Int) {
        guard let pci = profile.pci else { return }
        let address = PCIAddress(domain: configuration.domain, bus: configuration.bus, device: UInt8(number / 8), function: UInt8(number % 8))
        let total = UInt16(clamping: profile.sriov?.maxVFsPerPF ?? 0)
        // VFs of PF n start after every PF function of the card (one per port, whether emulated or
        // not) and after the VFs of the PFs before it, so routing IDs never overlap: VF 0 of
        // 0000:03:00.0 on a two-port card is 0000:03:00.2, as on a real ConnectX.
        let count = max(1, profile.ports, configuration.physicalFunctions ?? 0)
        let offset = UInt16(clamping: count - number + number * Int(total))
        let sriov = SRIOVCapability(offset: 0x100, initialVFs: total, totalVFs: total, numVFs: 0,
                                    firstVFOffset: offset, vfStride: 1, vfDeviceID: pci.vfDeviceIDs.first?.rawValue ?? 0)
        let name = configuration.naming == .simple
            ? "pf\(number)"
            : "enp\(configuration.bus)s\(address.device)f\(address.function)np\(number)"
        let mac = MACAddress(0x02, 0x00, configuration.bus, UInt8(truncatingIfNeeded: number), 0x00, 0x01)
        let netdev = addLink(name: name, role: .physicalFunction(pf: number), mac: mac)
        physicalFunctions.append(SimPhysicalFunction(
            number: number, address: address, deviceID: pci.pfDeviceIDs.first ?? PCIDeviceID(0), netdev: netdev, sriov: sriov,
            vfs: [], eswitchMode: .legacy, inlineMode: .none, encapMode: dialect.kind == .mlx5 ? .basic : .none))
    }
}
