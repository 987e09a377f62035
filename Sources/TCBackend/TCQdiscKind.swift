import EswitchModel
import Netlink

/// The qdisc that carries the ingress filters of a device: `clsact` (ingress and egress hooks) or
/// the older `ingress`. Filters attach at ffff:fff2 under either.
public enum TCQdiscKind: String, Hashable, Sendable {
    case clsact
    case ingress

    /// `tc qdisc add dev D clsact|ingress`.
    public func addRequest(device: IfIndex, sequence: UInt32 = 0) -> NetlinkMessage {
        .addQdisc(message(device: device), sequence: sequence)
    }

    /// `tc qdisc del dev D clsact|ingress` (removes every filter of the device with it).
    public func deleteRequest(device: IfIndex, sequence: UInt32 = 0) -> NetlinkMessage {
        .deleteQdisc(message(device: device), sequence: sequence)
    }

    private func message(device: IfIndex) -> QdiscMessage {
        switch self {
        case .clsact: return .clsact(ifindex: device)
        case .ingress: return .ingress(ifindex: device)
        }
    }
}
