import EswitchModel
import Netlink
import Platform

extension EmulatedHost {
    /// The devlink port index of a port: mlx5's scheme (vhca id << 16 | vport: the uplink is vport
    /// 0xffff, VF n is vport n + 1; mlx5_esw_vport_to_devlink_port_index), with the PF number as
    /// the vhca id.
    static func devlinkPortIndex(pf: Int, vf: UInt32?) -> UInt32 {
        UInt32(pf) << 16 | (vf.map { $0 + 1 } ?? 0xFFFF)
    }

    /// The DEVLINK_CMD_PORT_NEW bodies of a PF's devlink instance (net/devlink
    /// devlink_nl_port_fill): the physical port (its netdev is the PF netdev, the uplink
    /// representor in switchdev mode), and in switchdev mode one pcivf port per VF with its
    /// representor netdev, controller, pfnum, vfnum and the function's MAC.
    func devlinkPorts(of pf: SimPhysicalFunction) -> [DevlinkMessage] {
        let handle = DevlinkHandle(pf.address)
        var out: [DevlinkMessage] = []
        var physical = handle.attributes + [.portIndex(Self.devlinkPortIndex(pf: pf.number, vf: nil)), .portType(.eth)]
        if let netdev = links[pf.netdev] { physical += [.netdevIfindex(netdev.ifindex), .netdevName(netdev.name)] }
        physical += [.flavour(.physical), .portNumber(UInt32(pf.number)), .splittable(false)]
        out.append(DevlinkMessage(.portNew, physical))
        guard pf.eswitchMode == .switchdev else { return out }
        for vf in pf.vfs {
            var attributes = handle.attributes + [.portIndex(Self.devlinkPortIndex(pf: pf.number, vf: vf.number)), .portType(.eth)]
            if let rep = vf.representor, let link = links[rep] { attributes += [.netdevIfindex(link.ifindex), .netdevName(link.name)] }
            attributes += [.flavour(.pciVF), .controller(0), .pfNumber(UInt16(pf.number)), .vfNumber(UInt16(vf.number)), .external(false),
                           .portFunction([RawAttribute(type: DEVLINK_PORT_FUNCTION_ATTR.hwAddr, payload: vf.config.mac.array)])]
            out.append(DevlinkMessage(.portNew, attributes))
        }
        return out
    }

    /// The DEVLINK_CMD_ESWITCH_GET body: mode, and inline and encap modes when the driver has them.
    func devlinkEswitch(of pf: SimPhysicalFunction) throws(SimNICError) -> DevlinkMessage {
        if profile.modeChangeRules?.eswitchManager == .embeddedCPU { throw dialect.notEswitchManager() }
        var attributes = DevlinkHandle(pf.address).attributes
        if profile.switchdev, profile.modeChangeRules != nil {
            attributes.append(.eswitchMode(pf.eswitchMode))
            if dialect.hasInlineMode { attributes.append(.inlineMode(pf.inlineMode)) }
            if dialect.hasEncapMode { attributes.append(.encapMode(pf.encapMode)) }
        }
        return DevlinkMessage(.eswitchGet, attributes)
    }
}

extension SimNICEndpoint {
    /// devlink: devices (one per PF), ports, eswitch get/set, info.
    static func devlinkRequest(_ request: DevlinkMessage, dump: Bool, familyID: UInt16, bytes: ArraySlice<UInt8>,
                               host: inout EmulatedHost) -> Outcome {
        func message(_ body: DevlinkMessage) -> NetlinkMessage {
            NetlinkMessage(type: familyID, flags: [], body: .generic(GenericMessage(version: DEVLINK_GENL.version, .devlink(body))))
        }
        /// The PF a request's handle names (EINVAL without a handle, ENODEV for an unknown one:
        /// devlink_get_from_attrs).
        func pf() throws(SimNICError) -> SimPhysicalFunction {
            guard let handle = request.handle else { throw SimNICError(.invalidArgument) }
            guard handle.bus == "pci", let address = handle.pciAddress, let pf = host.physicalFunction(at: address) else {
                throw SimNICError(.noSuchDevice)
            }
            return pf
        }
        func device(_ pf: SimPhysicalFunction) -> DevlinkMessage {
            DevlinkMessage(.new, DevlinkHandle(pf.address).attributes + [.reloadFailed(false)])
        }
        func info(_ pf: SimPhysicalFunction) -> DevlinkMessage {
            var attributes = DevlinkHandle(pf.address).attributes
            if let driver = host.profile.driver { attributes.append(.driverName(driver)) }
            attributes.append(.serialNumber("SIM\(pf.address.bus)\(pf.number)"))
            return DevlinkMessage(.infoGet, attributes)
        }
        switch request.command {
        case .get:
            if dump { return .dump(host.physicalFunctions.map { message(device($0)) }) }
            return run { () throws(SimNICError) in .reply([message(device(try pf()))]) }
        case .portGet:
            if dump {
                let pfs = request.handle == nil ? host.physicalFunctions : host.physicalFunctions.filter { DevlinkHandle($0.address) == request.handle }
                return .dump(pfs.flatMap { host.devlinkPorts(of: $0) }.map(message))
            }
            return run { () throws(SimNICError) in
                let ports = host.devlinkPorts(of: try pf())
                guard let index = request.portIndex else { throw SimNICError(.invalidArgument) }
                guard let port = ports.first(where: { $0.portIndex == index }) else { throw SimNICError(.noSuchDevice) }
                return .reply([message(port)])
            }
        case .eswitchGet:
            if dump { return .failure(SimNICError(.notSupported)) }
            return run { () throws(SimNICError) in .reply([message(try host.devlinkEswitch(of: try pf()))]) }
        case .eswitchSet:
            if dump { return .failure(SimNICError(.notSupported)) }
            return run { () throws(SimNICError) in
                let target = try pf()
                // The attribute policies (NLA_POLICY_RANGE) of devlink's netlink spec.
                if let mode = request.eswitchMode, mode.rawValue > DEVLINK_ESWITCH_MODE.switchdev {
                    throw SimNICError(.invalidArgument, "integer out of range", offset: attributeOffset(bytes, type: DEVLINK_ATTR.eswitchMode))
                }
                if let inline = request.inlineMode, inline.rawValue > DEVLINK_ESWITCH_INLINE_MODE.transport {
                    throw SimNICError(.invalidArgument, "integer out of range", offset: attributeOffset(bytes, type: DEVLINK_ATTR.eswitchInlineMode))
                }
                if let encap = request.encapMode, encap.rawValue > DEVLINK_ESWITCH_ENCAP_MODE.basic {
                    throw SimNICError(.invalidArgument, "integer out of range", offset: attributeOffset(bytes, type: DEVLINK_ATTR.eswitchEncapMode))
                }
                let warning = try host.setEswitch(on: target.address, mode: request.eswitchMode, inlineMode: request.inlineMode, encapMode: request.encapMode)
                return .done(warning: warning)
            }
        case .infoGet:
            if dump { return .dump(host.physicalFunctions.map { message(info($0)) }) }
            return run { () throws(SimNICError) in .reply([message(info(try pf()))]) }
        default:
            return .failure(SimNICError(.notSupported))
        }
    }
}
