import Platform

/// The effects the agent may have on a host: the Platform protocols it is given at start-up
/// (PlatformLinux on a real node, SimNIC in tests and on an emulated node). The agent never names an
/// implementation.
public struct AgentPlatform: Sendable {
    /// rtnetlink: links, VF configuration, qdiscs and tc filters.
    public var route: any NetlinkTransport
    /// Generic netlink: devlink (eswitch mode, ports) and vdpa.
    public var generic: any NetlinkTransport
    /// rtnetlink notifications (link and tc groups); nil runs without events (periodic passes only).
    public var events: (any NetlinkEventSource)?
    /// PCI functions and their SR-IOV capabilities.
    public var pci: any PCIDiscovery
    /// `sriov_numvfs`.
    public var sriov: any SRIOVControl
    /// VF driver binding, for drivers that change the eswitch mode only with unbound VFs.
    public var drivers: any VFDriverBinding

    /// Bundles the implementations the daemon (or a test) wires in.
    public init(route: any NetlinkTransport, generic: any NetlinkTransport, events: (any NetlinkEventSource)?,
                pci: any PCIDiscovery, sriov: any SRIOVControl, drivers: any VFDriverBinding) {
        self.route = route
        self.generic = generic
        self.events = events
        self.pci = pci
        self.sriov = sriov
        self.drivers = drivers
    }
}
