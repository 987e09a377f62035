import Netlink

/// A generic-netlink family as the controller (nlctrl) describes it.
public struct GenericFamilyInfo: Hashable, Sendable {
    /// The family's name, as asked.
    public var name: String
    /// The message type number the kernel assigned to the family.
    public var id: UInt16
    /// Multicast group name -> group id (e.g. devlink's "config"), to join on a
    /// ``NetlinkEventSource``.
    public var multicastGroups: [String: UInt32]

    public init(name: String, id: UInt16, multicastGroups: [String: UInt32] = [:]) {
        self.name = name
        self.id = id
        self.multicastGroups = multicastGroups
    }
}

extension NetlinkTransport {
    /// Asks the controller (CTRL_CMD_GETFAMILY) for `family`'s id and multicast groups, and
    /// registers the id with the transport's decoder so that the family's messages decode typed.
    ///
    /// - Throws: ``NetlinkTransportError/kernel(_:)`` with ENOENT when the kernel has no such
    ///   family (for example devlink on a kernel built without it).
    @discardableResult
    public func resolve(_ family: GenericFamily) throws(NetlinkTransportError) -> GenericFamilyInfo {
        let info = try resolveFamily(named: family.rawValue)
        register(family, id: info.id)
        return info
    }

    /// Asks the controller for the family called `name`, without registering it (the decoder
    /// types only the families of ``GenericFamily``).
    public func resolveFamily(named name: String) throws(NetlinkTransportError) -> GenericFamilyInfo {
        let reply = try request(.resolveFamily(name))
        for message in reply.messages {
            guard case .generic(let generic) = message.body, let control = generic.control,
                  control.command == .newFamily else { continue }
            guard let id = control.familyID else {
                throw .malformedReply(NetlinkDecodingError(offset: 0, "CTRL_CMD_NEWFAMILY for '\(name)' without CTRL_ATTR_FAMILY_ID"))
            }
            var groups: [String: UInt32] = [:]
            for group in control.multicastGroups {
                if let groupName = group.name, let groupID = group.id { groups[groupName] = groupID }
            }
            return GenericFamilyInfo(name: name, id: id, multicastGroups: groups)
        }
        throw .malformedReply(NetlinkDecodingError(offset: 0, "no CTRL_CMD_NEWFAMILY answer for family '\(name)'"))
    }
}
