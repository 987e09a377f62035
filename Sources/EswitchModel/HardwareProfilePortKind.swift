/// The kind of device a TC filter is attached to, which is where drivers differ in what they accept.
public enum PortKind: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The physical port's representor (the PF netdev in switchdev mode).
    case uplink
    /// A VF's (or SF's) representor on the eswitch manager.
    case vfRepresentor = "vf_representor"
    /// A tunnel netdev (vxlan, geneve, gretap) whose ingress sees decapsulated traffic.
    case tunnelDevice = "tunnel_device"

    /// Short words for reasons: "uplink", "representor", "tunnel device".
    public var description: String {
        switch self {
        case .uplink: return "uplink"
        case .vfRepresentor: return "representor"
        case .tunnelDevice: return "tunnel device"
        }
    }
}
