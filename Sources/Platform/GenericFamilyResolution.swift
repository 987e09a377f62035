import Netlink

// Generic-netlink family resolution (CTRL_CMD_GETFAMILY). Until the Netlink module has a typed
// controller codec, the request and the answer are handled here as raw attributes; this file is
// the only place to switch over to the typed API.

/// A generic-netlink family as the controller (nlctrl) describes it.
public struct GenericFamilyInfo: Hashable, Sendable {
    /// The family's name, as asked.
    public var name: String
    /// The message type number the kernel assigned to the family.
    public var id: UInt16
    /// Multicast group name -> group id (e.g. devlink's "config").
    public var multicastGroups: [String: UInt32]

    public init(name: String, id: UInt16, multicastGroups: [String: UInt32] = [:]) {
        self.name = name
        self.id = id
        self.multicastGroups = multicastGroups
    }
}

/// Controller constants from /usr/include/linux/genetlink.h (explicit values).
private enum Controller {
    static let getFamily: UInt8 = 3           // CTRL_CMD_GETFAMILY
    static let newFamily: UInt8 = 1           // CTRL_CMD_NEWFAMILY
    static let familyID: UInt16 = 1           // CTRL_ATTR_FAMILY_ID (u16)
    static let familyName: UInt16 = 2         // CTRL_ATTR_FAMILY_NAME (string)
    static let multicastGroups: UInt16 = 7    // CTRL_ATTR_MCAST_GROUPS (nested array)
    static let groupName: UInt16 = 1          // CTRL_ATTR_MCAST_GRP_NAME (string)
    static let groupID: UInt16 = 2            // CTRL_ATTR_MCAST_GRP_ID (u32)
}

extension NetlinkTransport {
    /// Asks the controller for `family`'s id and multicast groups, and registers the id with the
    /// transport's decoder.
    ///
    /// - Throws: ``NetlinkTransportError/kernel(_:)`` with ENOENT when the kernel has no such
    ///   family (for example devlink on a kernel built without it).
    @discardableResult
    public func resolve(_ family: GenericFamily) throws(NetlinkTransportError) -> GenericFamilyInfo {
        let info = try resolveFamily(named: family.rawValue)
        register(family, id: info.id)
        return info
    }

    /// Asks the controller for the family called `name` (no registration: the decoder only knows
    /// the families of ``GenericFamily``).
    public func resolveFamily(named name: String) throws(NetlinkTransportError) -> GenericFamilyInfo {
        let request = NetlinkMessage(
            type: GENL.idCtrl, flags: [.request],
            body: .generic(GenericMessage(family: .control, command: Controller.getFamily, version: 1, attributes: [
                RawAttribute(type: Controller.familyName, payload: Array(name.utf8) + [0]),
            ])))
        let reply = try self.request(request)
        for message in reply.messages {
            guard case .generic(let body) = message.body, body.command == Controller.newFamily else { continue }
            do {
                return try Self.parseFamily(body, name: name)
            } catch {
                throw .malformedReply(error)
            }
        }
        throw .malformedReply(NetlinkDecodingError(offset: 0, "no CTRL_CMD_NEWFAMILY answer for family '\(name)'"))
    }

    private static func parseFamily(_ body: GenericMessage, name: String) throws(NetlinkDecodingError) -> GenericFamilyInfo {
        var id: UInt16?
        var groups: [String: UInt32] = [:]
        for attribute in body.attributes {
            switch attribute.type & NLA.typeMask {
            case Controller.familyID:
                guard attribute.payload.count == 2 else {
                    throw NetlinkDecodingError(offset: 0, "CTRL_ATTR_FAMILY_ID has \(attribute.payload.count) bytes, expected 2")
                }
                id = UInt16(attribute.payload[0]) | UInt16(attribute.payload[1]) << 8
            case Controller.multicastGroups:
                var entries = AttributeReader(attribute.payload[...])
                while let entry = try entries.next() {
                    var fields = entry.nested()
                    var groupName: String?
                    var groupID: UInt32?
                    while let field = try fields.next() {
                        switch field.type {
                        case Controller.groupName: groupName = try field.string()
                        case Controller.groupID: groupID = try field.u32()
                        default: break
                        }
                    }
                    if let groupName, let groupID { groups[groupName] = groupID }
                }
            default:
                break
            }
        }
        guard let id else {
            throw NetlinkDecodingError(offset: 0, "CTRL_CMD_NEWFAMILY for '\(name)' without CTRL_ATTR_FAMILY_ID")
        }
        return GenericFamilyInfo(name: name, id: id, multicastGroups: groups)
    }
}
