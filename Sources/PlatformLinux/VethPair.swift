#if canImport(Glibc)
import Glibc
#endif
import CEswitchShim
import EswitchModel
import Netlink
import Platform

/// Veth pairs across network namespaces, made with the project's own netlink codec: how a VM's NIC
/// (one end in the VM's namespace) or an underlay link is wired to the node namespace where the
/// emulated NIC reads the other end.
public enum VethPair {
    /// Creates `name` in `namespace` with its peer `peer` in `peerNamespace`, both up
    /// (`ip -n NS link add NAME up type veth peer name PEER netns OTHER address MAC`, then
    /// `ip -n OTHER link set PEER up`: the peer cannot be created up, veth_open refuses with ENOTCONN
    /// until both ends are linked).
    ///
    /// - Parameters:
    ///   - peerMAC: the peer's MAC address (the kernel picks a random one when nil).
    ///   - peerOffloads: false turns transmit checksum offload off on the peer (and with it TSO),
    ///     so that the peer's stack sends finished, MTU-sized frames, as a VM's virtual NIC does on
    ///     the wire.
    /// - Throws: ``NetlinkTransportError``: the kernel's refusal (EEXIST when the name is taken) or
    ///   a failed system call.
    public static func create(_ name: InterfaceName, in namespace: NetworkNamespace, peer: InterfaceName, peerNamespace: NetworkNamespace,
                              peerMAC: MACAddress? = nil, peerOffloads: Bool = false) throws(NetlinkTransportError) {
        var peerAttributes: [LinkAttribute] = [.ifname(peer.rawValue), .netNsFd(UInt32(bitPattern: peerNamespace.descriptor))]
        if let peerMAC { peerAttributes.append(.address(peerMAC)) }
        let request = NetlinkMessage(type: RTM.newLink, flags: [.request, .ack, .exclusive, .create], body: .link(LinkMessage(
            flags: .up, change: .up, attributes: [
                .ifname(name.rawValue),
                .linkInfo(LinkInfo([.kind(LinkInfo.Kind.veth), .data(.veth([.peer(LinkMessage(attributes: peerAttributes))]))])),
            ])))
        try NetlinkSocket(.route, in: namespace).request(request)
        let peerSocket = try NetlinkSocket(.route, in: peerNamespace)
        let reply = try peerSocket.request(LinkMessage.getRequest(name: peer.rawValue))
        guard case .link(let link)? = reply.messages.first?.body else { throw .systemCall(SystemCallError("RTM_GETLINK \(peer)", errno: .noSuchDevice)) }
        try peerSocket.request(LinkMessage.setUp(link.ifindex))
        if !peerOffloads {
            try setTransmitChecksumOffload(peer, enabled: false, in: peerNamespace)
        }
    }

    /// Deletes `name` in `namespace` (and with it its peer), as `ip -n NS link del NAME`.
    ///
    /// - Throws: ``NetlinkTransportError``; ENODEV when there is no such link.
    public static func delete(_ name: InterfaceName, in namespace: NetworkNamespace) throws(NetlinkTransportError) {
        let socket = try NetlinkSocket(.route, in: namespace)
        try socket.request(NetlinkMessage(type: RTM.delLink, flags: [.request, .ack], body: .link(LinkMessage(attributes: [.ifname(name.rawValue)]))))
    }

    /// `ethtool -K NAME tx on|off` (ETHTOOL_STXCSUM through SIOCETHTOOL).
    public static func setTransmitChecksumOffload(_ name: InterfaceName, enabled: Bool, in namespace: NetworkNamespace) throws(NetlinkTransportError) {
        let outcome: Result<Void, SystemCallError>
        do throws(SystemCallError) {
            outcome = try namespace.performResult { () throws(SystemCallError) -> Void in
                let control = try SystemCall.run("socket(AF_INET, SOCK_DGRAM)") { socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
                defer { close(control) }
                var value = ethtool_value(cmd: UInt32(ETHTOOL_STXCSUM), data: enabled ? 1 : 0)
                var request = TapPacketPort.interfaceRequest(name)
                _ = try withUnsafeMutablePointer(to: &value) { pointer throws(SystemCallError) -> Int32 in
                    request.ifr_ifru.ifru_data = UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: CChar.self)
                    return try SystemCall.run("ioctl(SIOCETHTOOL, ETHTOOL_STXCSUM) \(name)") { ioctl(control, UInt(SIOCETHTOOL), &request) }
                }
            }
        } catch {
            throw .systemCall(error)
        }
        do {
            try outcome.get()
        } catch {
            throw .systemCall(error)
        }
    }
}
