import EswitchModel
import Netlink
import Platform

/// One physical function of the emulated NIC: its PCI identity and SR-IOV capability, its netdev,
/// its VFs and its eswitch settings.
public struct SimPhysicalFunction: Hashable, Sendable {
    /// The PF number on the card (devlink `pfnum`), 0 for the first port.
    public var number: Int
    public var address: PCIAddress
    public var deviceID: PCIDeviceID
    /// The PF netdev (the uplink representor in switchdev mode).
    public var netdev: IfIndex
    /// The SR-IOV capability; `numVFs` follows the VFs that exist.
    public var sriov: SRIOVCapability
    /// The VFs that exist, by number.
    public var vfs: [SimVirtualFunction]
    public var eswitchMode: DevlinkEswitchMode
    public var inlineMode: DevlinkInlineMode
    public var encapMode: DevlinkEncapMode
    /// `sriov_drivers_autoprobe`: new VFs are bound to their driver when true (the default); with
    /// false they start unbound, as operators set it before switching mlx5 to switchdev.
    public var driversAutoprobe = true

    /// The VF `number`, if it exists.
    public func vf(_ number: UInt32) -> SimVirtualFunction? {
        vfs.indices.contains(Int(number)) ? vfs[Int(number)] : nil
    }
}

/// One virtual function: its PCI address, whether a driver is bound (its netdev exists), its
/// representor in switchdev mode and the configuration the PF applies to it.
public struct SimVirtualFunction: Hashable, Sendable {
    public var number: UInt32
    public var address: PCIAddress
    /// True while the VF is bound to its driver (the VF netdev and, with vDPA, its management
    /// device exist).
    public var isBound: Bool
    public var netdev: IfIndex?
    public var representor: IfIndex?
    public var config: VFConfiguration
}

/// What `ip link set dev PF vf N ...` configures, as the PF driver reports it back in
/// IFLA_VFINFO_LIST.
public struct VFConfiguration: Hashable, Sendable {
    public var mac: MACAddress = .zero
    public var vlan: UInt32 = 0
    public var qos: UInt32 = 0
    public var vlanProtocol: VFVLANProtocol = .dot1Q
    public var spoofCheck: Bool = true
    public var trust: Bool = false
    public var linkState: VFLinkState = .auto
    /// Guaranteed rate in Mbit/s (0: none).
    public var minTxRate: UInt32 = 0
    /// Maximum rate in Mbit/s (0: unlimited).
    public var maxTxRate: UInt32 = 0

    public init() {}
}
