import ControlAPI
import EswitchModel
import Netlink
import Platform

/// rtnetlink link requests the agent makes: the link table, VF configuration through the PF, and
/// the tunnel device it owns.
struct LinkClient: Sendable {
    let transport: any NetlinkTransport

    /// `ip link show`: every link.
    func links() throws(NetlinkTransportError) -> [LinkMessage] {
        try transport.dump(LinkMessage.dumpRequest()).compactMap { part in
            if case .link(let link) = part.body { return link }
            return nil
        }
    }

    /// `ip link set dev PF vf N mac MAC vlan 0 spoofchk on trust on|off`: the VF's MAC is the
    /// port's, no port VLAN (a guest that tags its frames is matched by the port's rules, which pop
    /// the tag), anti-spoofing on.
    func configureVF(_ vf: VFIndex, onPF pf: IfIndex, mac: MACAddress, trust: Bool) throws(NetlinkTransportError) {
        try transport.request(LinkMessage.setVF(pf: pf, vf: vf, mac: mac, vlan: 0, spoofCheck: true, trust: trust))
    }

    /// Gives a released VF back its neutral configuration (no MAC, no VLAN, not trusted), so the
    /// next VM that gets it inherits nothing.
    func resetVF(_ vf: VFIndex, onPF pf: IfIndex) throws(NetlinkTransportError) {
        try transport.request(LinkMessage.setVF(pf: pf, vf: vf, mac: .zero, vlan: 0, spoofCheck: true, trust: false))
    }

    /// `ip link set dev X up`.
    func setUp(_ ifindex: IfIndex) throws(NetlinkTransportError) {
        try transport.request(LinkMessage.setUp(ifindex))
    }

    /// The external-mode VXLAN device called `name`, created (collect_md, no learning, UDP `port`)
    /// and brought up when it does not exist.
    /// - Throws: when the name is taken by a link of another kind, or the kernel refuses.
    func ensureTunnel(named name: InterfaceName, port: UInt16) throws(ControlFailure) -> IfIndex {
        let what = "tunnel device \(name)"
        if let existing = try attempt(what, { () throws(NetlinkTransportError) in try links().first { $0.name == name.rawValue } }) {
            guard existing.kind == LinkInfo.Kind.vxlan else {
                throw ControlFailure(.unavailable, "\(what): a link of kind \(existing.kind ?? "none") has that name")
            }
            if !existing.isUp { try attempt(what) { () throws(NetlinkTransportError) in try setUp(existing.ifindex) } }
            return existing.ifindex
        }
        let data: [VXLANAttribute] = [.collectMetadata(true), .learning(false), .port(port)]
        let body = LinkMessage(attributes: [.ifname(name.rawValue), .linkInfo(LinkInfo([.kind(LinkInfo.Kind.vxlan), .data(.vxlan(data))]))])
        let created = try attempt(what) { () throws(NetlinkTransportError) -> LinkMessage? in
            try transport.request(NetlinkMessage(type: RTM.newLink, flags: [.request, .ack, .exclusive, .create], body: .link(body)))
            return try links().first { $0.name == name.rawValue }
        }
        guard let created else { throw ControlFailure(.platform, "\(what): created, but not in the link table") }
        try attempt(what) { () throws(NetlinkTransportError) in try setUp(created.ifindex) }
        return created.ifindex
    }
}

/// Runs one netlink exchange, turning its failure into a one-line ``ControlFailure`` about `what`.
func attempt<T>(_ what: @autoclosure () -> String, _ body: () throws(NetlinkTransportError) -> T) throws(ControlFailure) -> T {
    do throws(NetlinkTransportError) {
        return try body()
    } catch {
        throw .netlink(what(), error)
    }
}

/// rtnetlink tc requests: filter dumps and the change requests the reconciler sends.
struct FilterClient: Sendable {
    let transport: any NetlinkTransport

    /// `tc -s filter show dev D ingress`: every filter with its counters. A device without an
    /// ingress qdisc has none (the kernel answers EINVAL or ENOENT; that is not an error here).
    func filters(on device: IfIndex) throws(NetlinkTransportError) -> [FilterMessage] {
        do throws(NetlinkTransportError) {
            return try transport.dump(.dumpFilters(.dump(ifindex: device))).compactMap { part in
                if case .filter(let filter) = part.body, filter.handle != 0 { return filter }
                return nil
            }
        } catch {
            if case .kernel(let message) = error, [Errno.invalidArgument, .noSuchFileOrDirectory].contains(Errno(message.errno)) { return [] }
            throw error
        }
    }

    /// Sends one tc request and waits for its ACK.
    func send(_ request: NetlinkMessage) throws(NetlinkTransportError) {
        try transport.request(request)
    }
}
