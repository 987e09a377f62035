/// A message of the generic-netlink controller (family "nlctrl", fixed id GENL_ID_CTRL): the
/// command from genlmsghdr and the CTRL_ATTR_* attributes in wire order.
///
/// eswitch uses it to resolve the ids of the devlink and vdpa families at run time: send
/// ``getFamily(_:)``, read ``familyID`` (and ``multicastGroupID(named:)``) from the
/// CTRL_CMD_NEWFAMILY reply.
public struct ControlMessage: Hashable, Sendable, Codable {
    /// The genlmsghdr command.
    public var command: ControlCommand
    /// Attributes in wire order; unknown ones are kept as bytes.
    public var attributes: [ControlAttribute]

    public init(_ command: ControlCommand, _ attributes: [ControlAttribute] = []) {
        self.command = command
        self.attributes = attributes
    }

    /// Decodes the attributes that follow genlmsghdr.
    public init(command: ControlCommand, decoding bytes: ArraySlice<UInt8>) throws(NetlinkDecodingError) {
        self.command = command
        var reader = AttributeReader(bytes)
        var out: [ControlAttribute] = []
        while let attribute = try reader.next() { out.append(ControlAttribute(decoding: attribute)) }
        attributes = out
    }

    /// Appends the attributes (the caller writes genlmsghdr).
    public func encodeAttributes(into w: inout NetlinkWriter) {
        for attribute in attributes { attribute.encode(into: &w) }
    }

    enum CodingKeys: String, CodingKey { case command = "cmd", attributes = "attrs" }
}

extension ControlMessage {
    /// CTRL_CMD_GETFAMILY asking for one family by name (CTRL_ATTR_FAMILY_NAME, NUL-terminated).
    public static func getFamily(_ name: String) -> ControlMessage {
        ControlMessage(.getFamily, [.familyName(name)])
    }

    /// CTRL_CMD_GETFAMILY asking for one known family.
    public static func getFamily(_ family: GenericFamily) -> ControlMessage {
        getFamily(family.rawValue)
    }

    /// CTRL_ATTR_FAMILY_ID of a reply.
    public var familyID: UInt16? {
        for case .familyID(let id) in attributes { return id }
        return nil
    }

    /// CTRL_ATTR_FAMILY_NAME.
    public var familyName: String? {
        for case .familyName(let name) in attributes { return name }
        return nil
    }

    /// CTRL_ATTR_VERSION: the family's version.
    public var version: UInt32? {
        for case .version(let v) in attributes { return v }
        return nil
    }

    /// CTRL_ATTR_HDRSIZE: the family's extra header size (0 for devlink and vdpa).
    public var headerSize: UInt32? {
        for case .headerSize(let v) in attributes { return v }
        return nil
    }

    /// CTRL_ATTR_MAXATTR.
    public var maxAttribute: UInt32? {
        for case .maxAttribute(let v) in attributes { return v }
        return nil
    }

    /// CTRL_ATTR_OPS entries (empty when absent).
    public var operations: [ControlOperation] {
        for case .operations(let entries) in attributes { return entries }
        return []
    }

    /// CTRL_ATTR_MCAST_GROUPS entries (empty when absent).
    public var multicastGroups: [ControlMulticastGroup] {
        for case .multicastGroups(let entries) in attributes { return entries }
        return []
    }

    /// The id of the multicast group called `name` ("config" for devlink), if the reply lists it.
    public func multicastGroupID(named name: String) -> UInt32? {
        multicastGroups.first { $0.name == name }?.id
    }

    /// The known family this reply describes and its id, when both name and id are present.
    public var resolvedFamily: (family: GenericFamily, id: UInt16)? {
        guard let name = familyName, let family = GenericFamily(rawValue: name), let id = familyID else { return nil }
        return (family, id)
    }
}
