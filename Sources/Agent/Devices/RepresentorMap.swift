import EswitchModel
import Netlink

/// The netdevs of one PF's eswitch ports, by identity: the uplink (the physical port) and each
/// VF's representor by its devlink `vfnum`, with the interface index devlink reports. Never by
/// netdev name: names change with udev rules and renames, the devlink port numbers do not.
public struct RepresentorMap: Hashable, Sendable {
    /// The physical port's netdev (the uplink representor in switchdev mode).
    public var uplink: IfIndex?
    /// VF number -> its representor's interface index.
    public var vfs: [VFIndex: IfIndex]

    /// A map from known values (tests, snapshots of a report).
    public init(uplink: IfIndex? = nil, vfs: [VFIndex: IfIndex] = [:]) {
        self.uplink = uplink
        self.vfs = vfs
    }

    /// Reads the ports of one PF's devlink instance: the `physical` port gives the uplink and the
    /// PF number; `pcivf` ports of that PF number on the local controller (not `external`) give
    /// the representors. Ports without a netdev (a VF whose representor is not registered yet) are
    /// left out.
    public init(devlinkPorts ports: [DevlinkMessage]) {
        var uplink: IfIndex?
        var pfNumber: UInt32?
        for port in ports where port.flavour == .physical {
            uplink = port.netdevIfindex
            pfNumber = port.portNumber
            break
        }
        var vfs: [VFIndex: IfIndex] = [:]
        for port in ports where port.flavour == .pciVF && port.isExternal != true && (port.controller ?? 0) == 0 {
            guard let vf = port.vfNumber, let netdev = port.netdevIfindex else { continue }
            if let pfNumber, let owner = port.pfNumber, UInt32(owner) != pfNumber { continue }
            vfs[VFIndex(UInt32(vf))] = netdev
        }
        self.init(uplink: uplink, vfs: vfs)
    }

    /// The VF whose representor is `ifindex`.
    public func vf(withRepresentor ifindex: IfIndex) -> VFIndex? {
        vfs.first { $0.value == ifindex }?.key
    }
}
