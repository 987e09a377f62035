/// DEVLINK_ATTR_PORT_FLAVOUR (u16): what an eswitch port faces. Words are iproute2's ("pcivf"...).
public struct DevlinkPortFlavour: NamedEnumeration {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The uplink: a port physically facing the wire.
    public static let physical = DevlinkPortFlavour(rawValue: DEVLINK_PORT_FLAVOUR.physical)
    public static let cpu = DevlinkPortFlavour(rawValue: DEVLINK_PORT_FLAVOUR.cpu)
    public static let dsa = DevlinkPortFlavour(rawValue: DEVLINK_PORT_FLAVOUR.dsa)
    /// The representor of a PCI physical function.
    public static let pciPF = DevlinkPortFlavour(rawValue: DEVLINK_PORT_FLAVOUR.pciPf)
    /// The representor of a PCI virtual function (a VM's VF).
    public static let pciVF = DevlinkPortFlavour(rawValue: DEVLINK_PORT_FLAVOUR.pciVf)
    public static let virtual = DevlinkPortFlavour(rawValue: DEVLINK_PORT_FLAVOUR.virtual)
    public static let unused = DevlinkPortFlavour(rawValue: DEVLINK_PORT_FLAVOUR.unused)
    /// The representor of a PCI subfunction.
    public static let pciSF = DevlinkPortFlavour(rawValue: DEVLINK_PORT_FLAVOUR.pciSf)

    public static let names: [(String, UInt16)] = [
        ("physical", DEVLINK_PORT_FLAVOUR.physical), ("cpu", DEVLINK_PORT_FLAVOUR.cpu), ("dsa", DEVLINK_PORT_FLAVOUR.dsa),
        ("pcipf", DEVLINK_PORT_FLAVOUR.pciPf), ("pcivf", DEVLINK_PORT_FLAVOUR.pciVf),
        ("virtual", DEVLINK_PORT_FLAVOUR.virtual), ("unused", DEVLINK_PORT_FLAVOUR.unused),
        ("pcisf", DEVLINK_PORT_FLAVOUR.pciSf),
    ]
}
