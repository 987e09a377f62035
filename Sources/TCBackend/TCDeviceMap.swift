import EswitchModel

/// The devices the compiled rules bind to on this host, filled in by the agent from what it found
/// (representors, the uplink, the VXLAN device, the underlay next hop).
///
/// Places of the rule IR map to devices as follows:
/// - `.port(P)` ingress and `.output(.port(P))`: `ports[P]`, the device through which the eswitch
///   exchanges P's frames (the VF representor for `vf` and `vdpa` bindings, the tap for `software`);
/// - `.uplink` ingress: rules matching tunnel metadata on `tunnel` (the VXLAN device, where frames
///   arrive decapsulated with their tunnel keys), the others on `uplink`;
/// - `.output(.tunnel)`: `tunnel`; `.output(.external)`: `uplink`, after rewriting the destination
///   MAC to `externalNextHop` (and the source MAC to `uplinkMAC` when known).
public struct TCDeviceMap: Hashable, Sendable {
    /// Each local port's eswitch-side device.
    public var ports: [PortID: IfIndex]
    /// The uplink (PF) device.
    public var uplink: IfIndex?
    /// The VXLAN device (external/collect_md mode) that encapsulates and decapsulates.
    public var tunnel: IfIndex?
    /// The MAC of the underlay next hop for traffic leaving the cloud unencapsulated.
    public var externalNextHop: MACAddress?
    /// The uplink's own MAC, the source of frames leaving the cloud; nil keeps the source MAC.
    public var uplinkMAC: MACAddress?

    /// A device map; every field may be filled in later.
    public init(ports: [PortID: IfIndex] = [:], uplink: IfIndex? = nil, tunnel: IfIndex? = nil,
                externalNextHop: MACAddress? = nil, uplinkMAC: MACAddress? = nil) {
        self.ports = ports
        self.uplink = uplink
        self.tunnel = tunnel
        self.externalNextHop = externalNextHop
        self.uplinkMAC = uplinkMAC
    }
}
