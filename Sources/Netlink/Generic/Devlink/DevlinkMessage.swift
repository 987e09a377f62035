import EswitchModel

/// A devlink message: the command from genlmsghdr and the DEVLINK_ATTR_* attributes in wire order.
/// The same type carries requests (eswitch set, port dump...) and replies (one port per message of
/// a dump).
public struct DevlinkMessage: Hashable, Sendable, Codable {
    /// The genlmsghdr command.
    public var command: DevlinkCommand
    /// Attributes in wire order; unknown ones are kept as bytes.
    public var attributes: [DevlinkAttribute]

    public init(_ command: DevlinkCommand, _ attributes: [DevlinkAttribute] = []) {
        self.command = command
        self.attributes = attributes
    }

    /// Decodes the attributes that follow genlmsghdr.
    public init(command: DevlinkCommand, decoding bytes: ArraySlice<UInt8>) throws(NetlinkDecodingError) {
        self.command = command
        var reader = AttributeReader(bytes)
        var out: [DevlinkAttribute] = []
        while let attribute = try reader.next() { out.append(DevlinkAttribute(decoding: attribute)) }
        attributes = out
    }

    /// Appends the attributes (the caller writes genlmsghdr).
    public func encodeAttributes(into w: inout NetlinkWriter) {
        for attribute in attributes { attribute.encode(into: &w) }
    }

    enum CodingKeys: String, CodingKey { case command = "cmd", attributes = "attrs" }
}
