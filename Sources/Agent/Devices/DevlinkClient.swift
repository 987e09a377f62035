import EswitchModel
import Netlink
import Platform

/// devlink over a generic-netlink transport: the eswitch mode of a PF and its ports. The family id
/// is resolved once (CTRL_CMD_GETFAMILY) and registered with the transport's decoder.
struct DevlinkClient: Sendable {
    let transport: any NetlinkTransport
    let familyID: UInt16

    /// Resolves the devlink family on `transport`.
    /// - Throws: ENOENT when the kernel has no devlink.
    static func resolve(on transport: any NetlinkTransport) throws(NetlinkTransportError) -> DevlinkClient {
        DevlinkClient(transport: transport, familyID: try transport.resolve(.devlink).id)
    }

    /// `devlink dev eswitch show pci/BDF`: the mode, nil when the driver reports none.
    func eswitchMode(of pf: PCIAddress) throws(NetlinkTransportError) -> DevlinkEswitchMode? {
        let reply = try transport.request(message(.eswitchGet(DevlinkHandle(pf))))
        for case .generic(let generic) in reply.messages.map(\.body) {
            if let mode = generic.devlink?.eswitchMode { return mode }
        }
        return nil
    }

    /// `devlink dev eswitch set pci/BDF mode M`.
    func setEswitchMode(_ mode: DevlinkEswitchMode, on pf: PCIAddress) throws(NetlinkTransportError) {
        try transport.request(message(.eswitchSet(DevlinkHandle(pf), mode: mode)))
    }

    /// `devlink port show` for the PF's devlink instance.
    func ports(of pf: PCIAddress) throws(NetlinkTransportError) -> [DevlinkMessage] {
        try transport.dump(message(.ports(of: DevlinkHandle(pf)))).compactMap { part in
            if case .generic(let generic) = part.body { return generic.devlink }
            return nil
        }
    }

    private func message(_ body: DevlinkMessage) -> NetlinkMessage {
        NetlinkMessage(type: familyID, flags: [], body: .generic(GenericMessage(.devlink(body))))
    }
}

extension DevlinkEswitchMode {
    /// `legacy`, `switchdev`, or `mode N` for values devlink does not name.
    var word: String {
        switch self {
        case .legacy: return "legacy"
        case .switchdev: return "switchdev"
        default: return "mode \(rawValue)"
        }
    }
}
