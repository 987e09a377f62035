import EswitchModel
import Netlink

/// A neighbour or FDB entry of the emulated host, kept as the request described it (family,
/// device, state, flags and NDA attributes).
public struct SimNeighbour: Hashable, Sendable {
    public var message: NeighbourMessage

    /// The identity of the entry: family, device, and the MAC (bridge FDB) or the IP (ARP/ND),
    /// plus for VXLAN FDB entries the remote (several remotes may share one MAC).
    struct Key: Hashable {
        var family: UInt8
        var ifindex: IfIndex
        var mac: MACAddress?
        var ip: IPAddress?
        var remote: IPAddress?
        var vni: UInt32?
    }

    var key: Key {
        if message.family == AddressFamily.bridge {
            return Key(family: message.family, ifindex: message.ifindex, mac: message.linkLayerAddress, ip: nil,
                       remote: message.destination, vni: message.vni)
        }
        return Key(family: message.family, ifindex: message.ifindex, mac: nil, ip: message.destination, remote: nil, vni: nil)
    }
}
