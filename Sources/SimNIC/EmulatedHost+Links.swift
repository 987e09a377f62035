import EswitchModel
import Netlink
import Platform

extension EmulatedHost {
    /// Link kinds RTM_NEWLINK can create here.
    static let creatableKinds: Set<String> = ["vxlan", "veth", "dummy", "bridge"]

    /// Creates a virtual link (`ip link add NAME type KIND ...`) as net/core/rtnetlink.c's
    /// rtnl_newlink does: the name must be free (EEXIST), the kind known (EOPNOTSUPP "Unknown device
    /// type"), a requested ifindex must be free (EBUSY). A veth pair creates its peer too; a vxlan
    /// link needs IFLA_VXLAN_ID unless it is in external (collect metadata) mode (EINVAL).
    ///
    /// - Returns: the new link's interface index.
    @discardableResult
    public mutating func createLink(name: String?, info: LinkInfo, ifindex: IfIndex? = nil, mtu: UInt32? = nil,
                                    mac: MACAddress? = nil, up: Bool = false) throws(SimNICError) -> IfIndex {
        guard let kind = info.kind else { throw SimNICError(.invalidArgument, "Link kind is missing") }
        guard Self.creatableKinds.contains(kind) else { throw SimNICError(.notSupported, "Unknown device type") }
        let linkName = name ?? nextFreeName(kind + "%d")
        guard Self.isValidName(linkName) else { throw SimNICError(.invalidArgument, "Invalid interface name") }
        guard link(named: linkName) == nil else { throw SimNICError(.fileExists) }
        if let ifindex, ifindex.rawValue != 0, links[ifindex] != nil { throw SimNICError(.resourceBusy) }
        var peerName: String?
        if kind == "vxlan" {
            guard case .vxlan(let attributes)? = info.data, attributes.contains(where: {
                switch $0 {
                case .id, .collectMetadata(true): return true
                default: return false
                }
            }) else {
                throw SimNICError(.invalidArgument, "Missing VNI")
            }
        }
        if kind == "veth" {
            if case .veth(let attributes)? = info.data {
                for case .peer(let peer) in attributes { peerName = peer.name }
            }
            let chosen = peerName ?? nextFreeName("veth%d", excluding: linkName)
            guard Self.isValidName(chosen) else { throw SimNICError(.invalidArgument, "Invalid interface name") }
            guard link(named: chosen) == nil, chosen != linkName else { throw SimNICError(.fileExists) }
            peerName = chosen
        }
        let index = addLink(name: linkName, role: .virtual(kind: kind), mac: mac ?? virtualMAC(), mtu: mtu ?? 1500,
                            isUp: up, ifindex: ifindex, linkInfo: info)
        if kind == "vxlan" { links[index]?.mtu = mtu ?? 1450 }
        if let peerName {
            let peer = addLink(name: peerName, role: .virtual(kind: "veth"), mac: virtualMAC(), linkInfo: LinkInfo([.terminatedKind("veth")]))
            links[index]?.peer = peer
            links[peer]?.peer = index
        }
        return index
    }

    /// Deletes a link (`ip link del`): only virtual links can go (EOPNOTSUPP for a PF, VF or
    /// representor netdev, whose rtnl_link_ops have no dellink); a veth takes its peer along.
    public mutating func deleteLink(_ ifindex: IfIndex) throws(SimNICError) {
        guard let link = links[ifindex] else { throw SimNICError(.noSuchDevice) }
        guard case .virtual = link.role else { throw SimNICError(.notSupported) }
        if let peer = link.peer { removeLink(peer) }
        removeLink(ifindex)
    }

    /// Sets IFF_UP on or off (`ip link set dev X up|down`).
    ///
    /// A representor taken up or down takes its VF's link with it (switchdev: the VF's link is its
    /// representor's, see ``setPhysicalLink(_:on:)``).
    public mutating func setLinkUp(_ ifindex: IfIndex, _ up: Bool) throws(SimNICError) {
        guard links[ifindex] != nil else { throw SimNICError(.noSuchDevice) }
        guard links[ifindex]?.isUp != up else { return }
        links[ifindex]?.isUp = up
        events.append(.linkChanged(ifindex))
        if let vf = representedVFNetdev(ifindex) { setCarrier(vf, up) }
    }

    /// Sets the MTU, within the device's range (net/core/dev.c dev_validate_mtu: "mtu less than
    /// device minimum" / "mtu greater than device maximum", EINVAL).
    public mutating func setMTU(_ ifindex: IfIndex, _ mtu: UInt32) throws(SimNICError) {
        guard let link = links[ifindex] else { throw SimNICError(.noSuchDevice) }
        guard mtu >= link.minMTU else { throw SimNICError(.invalidArgument, "mtu less than device minimum") }
        guard mtu <= link.maxMTU else { throw SimNICError(.invalidArgument, "mtu greater than device maximum") }
        guard link.mtu != mtu else { return }
        links[ifindex]?.mtu = mtu
        events.append(.linkChanged(ifindex))
    }

    /// Renames a link (EEXIST when the name is taken).
    public mutating func renameLink(_ ifindex: IfIndex, to name: String) throws(SimNICError) {
        guard let link = links[ifindex] else { throw SimNICError(.noSuchDevice) }
        guard link.name != name else { return }
        guard Self.isValidName(name) else { throw SimNICError(.invalidArgument, "Invalid interface name") }
        guard self.link(named: name) == nil else { throw SimNICError(.fileExists) }
        links[ifindex]?.name = name
        events.append(.linkChanged(ifindex))
    }

    /// Sets or clears (0) the master of a link; the master must be a bridge.
    public mutating func setMaster(_ ifindex: IfIndex, _ master: IfIndex) throws(SimNICError) {
        guard links[ifindex] != nil else { throw SimNICError(.noSuchDevice) }
        if master.rawValue == 0 {
            links[ifindex]?.master = nil
        } else {
            guard let m = links[master] else { throw SimNICError(.noSuchDevice) }
            guard m.role == .virtual(kind: "bridge") else { throw SimNICError(.notSupported) }
            links[ifindex]?.master = master
        }
        events.append(.linkChanged(ifindex))
    }

    /// Gives links the interface indexes in `assignments` (name -> index), moving any other link
    /// that holds one of those indexes to a fresh index. Meant for setting up a host that matches
    /// a captured namespace (lo=1, Y=2, X=3...) before anything refers to the indexes.
    ///
    /// - Throws: ENODEV for an unknown name, EINVAL for index 0 or two names on one index, EBUSY
    ///   once qdiscs, filters or neighbours exist (they would keep the old indexes).
    public mutating func renumber(_ assignments: [String: IfIndex]) throws(SimNICError) {
        guard qdiscs.isEmpty, blocks.isEmpty, neighbours.isEmpty else { throw SimNICError(.resourceBusy) }
        var mapping: [IfIndex: IfIndex] = [:]
        var taken: Set<IfIndex> = []
        for (name, index) in assignments {
            guard let link = link(named: name) else { throw SimNICError(.noSuchDevice, "no link named \(name)") }
            guard index.rawValue != 0, taken.insert(index).inserted else { throw SimNICError(.invalidArgument) }
            mapping[link.ifindex] = index
        }
        var next = max(links.keys.map(\.rawValue).max() ?? 0, taken.map(\.rawValue).max() ?? 0) + 1
        for old in links.keys.sorted() where mapping[old] == nil {
            if taken.contains(old) {
                mapping[old] = IfIndex(next)
                next += 1
            } else {
                mapping[old] = old
            }
        }
        func map(_ index: IfIndex?) -> IfIndex? { index.map { mapping[$0] ?? $0 } }
        var moved: [IfIndex: SimLink] = [:]
        for (old, var link) in links {
            let new = mapping[old] ?? old
            link.ifindex = new
            link.peer = map(link.peer)
            link.master = map(link.master)
            moved[new] = link
        }
        links = moved
        for p in physicalFunctions.indices {
            physicalFunctions[p].netdev = mapping[physicalFunctions[p].netdev] ?? physicalFunctions[p].netdev
            for v in physicalFunctions[p].vfs.indices {
                physicalFunctions[p].vfs[v].netdev = map(physicalFunctions[p].vfs[v].netdev)
                physicalFunctions[p].vfs[v].representor = map(physicalFunctions[p].vfs[v].representor)
            }
        }
        nextIfIndex = max(nextIfIndex, next, (links.keys.map(\.rawValue).max() ?? 0) + 1)
    }

    /// A MAC for a virtual link, derived from the next interface index (deterministic).
    func virtualMAC() -> MACAddress {
        MACAddress(0x02, 0x30, 0x00, 0x00, UInt8(truncatingIfNeeded: nextIfIndex >> 8), UInt8(truncatingIfNeeded: nextIfIndex))
    }

    /// The first free name for a `kind%d` pattern.
    func nextFreeName(_ pattern: String, excluding: String? = nil) -> String {
        let prefix = pattern.hasSuffix("%d") ? String(pattern.dropLast(2)) : pattern
        var n = 0
        while link(named: "\(prefix)\(n)") != nil || "\(prefix)\(n)" == excluding { n += 1 }
        return "\(prefix)\(n)"
    }

    /// IFNAMSIZ (16 with the NUL), no '/', ':' or white space (net/core/dev.c dev_valid_name).
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count < 16 && name != "." && name != ".."
            && !name.contains(where: { $0 == "/" || $0 == ":" || $0.isWhitespace })
    }
}
