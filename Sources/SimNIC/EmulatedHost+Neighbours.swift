import EswitchModel
import Netlink
import Platform

extension EmulatedHost {
    /// Adds a neighbour (ARP/ND, any device) or a VXLAN FDB entry (AF_BRIDGE on a vxlan device),
    /// as RTM_NEWNEIGH does: an unknown device is ENODEV; an existing entry is EEXIST with
    /// NLM_F_EXCL and replaced otherwise; an AF_BRIDGE entry on a device without an FDB of its own
    /// is EOPNOTSUPP; a VXLAN FDB entry needs a MAC (EINVAL).
    public mutating func addNeighbour(_ message: NeighbourMessage, exclusive: Bool = true, create: Bool = true) throws(SimNICError) {
        guard let link = links[message.ifindex] else { throw SimNICError(.noSuchDevice) }
        if message.family == AddressFamily.bridge {
            guard link.role == .virtual(kind: "vxlan") else { throw SimNICError(.notSupported) }
            guard message.linkLayerAddress != nil else { throw SimNICError(.invalidArgument) }
        } else {
            guard message.family == AddressFamily.inet || message.family == AddressFamily.inet6 else {
                throw SimNICError(.addressFamilyNotSupported)
            }
            guard message.destination != nil else { throw SimNICError(.invalidArgument) }
        }
        let entry = SimNeighbour(message: message)
        if let index = neighbours.firstIndex(where: { $0.key == entry.key }) {
            if exclusive { throw SimNICError(.fileExists) }
            neighbours[index] = entry
        } else {
            guard create else { throw SimNICError(.noSuchFileOrDirectory) }
            neighbours.append(entry)
        }
        events.append(.neighbourAdded(entry))
    }

    /// Deletes a neighbour or FDB entry (RTM_DELNEIGH); ENOENT when there is none. A VXLAN FDB
    /// delete without a destination removes every remote of that MAC.
    public mutating func deleteNeighbour(_ message: NeighbourMessage) throws(SimNICError) {
        guard links[message.ifindex] != nil else { throw SimNICError(.noSuchDevice) }
        let probe = SimNeighbour(message: message).key
        let matches: (SimNeighbour) -> Bool = { entry in
            let key = entry.key
            guard key.family == probe.family, key.ifindex == probe.ifindex else { return false }
            if probe.family == AddressFamily.bridge {
                return key.mac == probe.mac && (probe.remote == nil || key.remote == probe.remote)
                    && (probe.vni == nil || key.vni == probe.vni)
            }
            return key.ip == probe.ip
        }
        let gone = neighbours.filter(matches)
        guard !gone.isEmpty else { throw SimNICError(.noSuchFileOrDirectory) }
        neighbours.removeAll(where: matches)
        for entry in gone { events.append(.neighbourRemoved(entry)) }
    }

    /// The entries a neighbour dump returns for `family` (AF_UNSPEC: all) and device (0: all).
    public func neighbourDump(family: UInt8, ifindex: IfIndex) -> [SimNeighbour] {
        neighbours.filter {
            (family == AddressFamily.unspec || $0.message.family == family) && (ifindex.rawValue == 0 || $0.message.ifindex == ifindex)
        }
    }
}
