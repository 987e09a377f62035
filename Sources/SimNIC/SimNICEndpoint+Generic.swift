import EswitchModel
import Netlink
import Platform

extension SimNICEndpoint {
    /// Generic netlink: the controller and the families of the endpoint. A type no family has is
    /// ENOENT (genl_rcv_msg: genl_family_find_byid fails); a command the family lacks, or a dump
    /// of a command without one, is EOPNOTSUPP.
    static func genericRequest(_ message: NetlinkMessage, bytes: ArraySlice<UInt8>, state: inout State) -> Outcome {
        guard case .generic(let generic) = message.body else { return .failure(SimNICError(.noSuchFileOrDirectory)) }
        let dump = message.flags.contains(.dump)
        switch generic.body {
        case .control(let control):
            return controlRequest(control, dump: dump, state: state)
        case .devlink(let devlink):
            guard let id = state.familyIDs[.devlink] else { return .failure(SimNICError(.noSuchFileOrDirectory)) }
            return devlinkRequest(devlink, dump: dump, familyID: id, bytes: bytes, host: &state.host)
        case .vdpa(let vdpa):
            guard let id = state.familyIDs[.vdpa] else { return .failure(SimNICError(.noSuchFileOrDirectory)) }
            return vdpaRequest(vdpa, dump: dump, familyID: id, host: &state.host)
        case .raw:
            return .failure(SimNICError(.noSuchFileOrDirectory))
        }
    }

    // MARK: Controller

    /// A family as the controller describes it (net/netlink/genetlink.c ctrl_fill_info: name, id,
    /// version, header size, maxattr, operations, multicast groups).
    struct FamilyDescription {
        var family: GenericFamily
        var id: UInt16
        var version: UInt32
        var maxAttribute: UInt32
        var operations: [(command: UInt8, flags: GenericOperationFlags)]
        var groups: [(name: String, id: UInt32)]
    }

    static func families(_ state: State) -> [FamilyDescription] {
        var out: [FamilyDescription] = [
            FamilyDescription(family: .control, id: GENL.idCtrl, version: 2, maxAttribute: UInt32(CTRL_ATTR.op),
                              operations: [(CTRL_CMD.getFamily, [.canDo, .canDump]), (CTRL_CMD.getPolicy, [.canDump])],
                              groups: [("notify", UInt32(GENL.idCtrl))]),
        ]
        if let id = state.familyIDs[.devlink] {
            out.append(FamilyDescription(
                family: .devlink, id: id, version: UInt32(DEVLINK_GENL.version), maxAttribute: UInt32(DEVLINK_ATTR.selftests),
                operations: [(DEVLINK_CMD.get, [.canDo, .canDump]), (DEVLINK_CMD.portGet, [.canDo, .canDump]),
                             (DEVLINK_CMD.eswitchGet, [.adminPermission, .canDo]), (DEVLINK_CMD.eswitchSet, [.adminPermission, .canDo]),
                             (DEVLINK_CMD.infoGet, [.adminPermission, .canDo, .canDump])],
                groups: [(DEVLINK_GENL.configGroupName, UInt32(id))]))
        }
        if let id = state.familyIDs[.vdpa] {
            out.append(FamilyDescription(
                family: .vdpa, id: id, version: UInt32(VDPA_GENL.version), maxAttribute: UInt32(VDPA_ATTR.vdpaDevSupportedFeatures),
                operations: [(VDPA_CMD.mgmtdevGet, [.canDo, .canDump]), (VDPA_CMD.devNew, [.adminPermission, .canDo]),
                             (VDPA_CMD.devDel, [.adminPermission, .canDo]), (VDPA_CMD.devGet, [.canDo, .canDump]),
                             (VDPA_CMD.devConfigGet, [.canDo, .canDump])],
                groups: []))
        }
        return out
    }

    static func familyMessage(_ f: FamilyDescription) -> NetlinkMessage {
        let operations = f.operations.enumerated().map { i, op in
            ControlOperation(index: UInt16(i + 1), id: UInt32(op.command), flags: op.flags)
        }
        var attributes: [ControlAttribute] = [
            .familyName(f.family.rawValue), .familyID(f.id), .version(f.version), .headerSize(0), .maxAttribute(f.maxAttribute),
            .operations(operations),
        ]
        if !f.groups.isEmpty {
            attributes.append(.multicastGroups(f.groups.enumerated().map { i, g in ControlMulticastGroup(index: UInt16(i + 1), name: g.name, id: g.id) }))
        }
        return NetlinkMessage(type: GENL.idCtrl, flags: [], body: .generic(GenericMessage(version: 2, .control(ControlMessage(.newFamily, attributes)))))
    }

    /// CTRL_CMD_GETFAMILY by name or id (ENOENT for a family the host does not have), or a dump of
    /// every family.
    static func controlRequest(_ control: ControlMessage, dump: Bool, state: State) -> Outcome {
        guard control.command == .getFamily else { return .failure(SimNICError(.notSupported)) }
        let known = families(state)
        if dump { return .dump(known.map(familyMessage)) }
        let match = known.first { f in
            if let name = control.familyName { return f.family.rawValue == name }
            if let id = control.familyID { return f.id == id }
            return false
        }
        guard control.familyName != nil || control.familyID != nil else { return .failure(SimNICError(.invalidArgument)) }
        guard let match else { return .failure(SimNICError(.noSuchFileOrDirectory)) }
        return .reply([familyMessage(match)])
    }

    /// The offset, from the start of the message, of the first top-level attribute of `type`
    /// after the genlmsghdr (for NLMSGERR_ATTR_OFFS).
    static func attributeOffset(_ bytes: ArraySlice<UInt8>, type: UInt16) -> UInt32? {
        var reader = AttributeReader(bytes.dropFirst(netlinkHeaderLength + GENL.headerLength))
        while let attribute = try? reader.next() {
            if attribute.type == type { return UInt32(attribute.headerOffset - bytes.startIndex) }
        }
        return nil
    }
}
