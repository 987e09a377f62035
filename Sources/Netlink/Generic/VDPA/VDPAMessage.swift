/// A vdpa message: the command from genlmsghdr and the VDPA_ATTR_* attributes in wire order.
/// The same type carries requests (dev add/del, dumps) and replies.
public struct VDPAMessage: Hashable, Sendable, Codable {
    /// The genlmsghdr command.
    public var command: VDPACommand
    /// Attributes in wire order; unknown ones are kept as bytes.
    public var attributes: [VDPAAttribute]

    public init(_ command: VDPACommand, _ attributes: [VDPAAttribute] = []) {
        self.command = command
        self.attributes = attributes
    }

    /// Decodes the attributes that follow genlmsghdr.
    public init(command: VDPACommand, decoding bytes: ArraySlice<UInt8>) throws(NetlinkDecodingError) {
        self.command = command
        var reader = AttributeReader(bytes)
        var out: [VDPAAttribute] = []
        while let attribute = try reader.next() { out.append(VDPAAttribute(decoding: attribute)) }
        attributes = out
    }

    /// Appends the attributes (the caller writes genlmsghdr).
    public func encodeAttributes(into w: inout NetlinkWriter) {
        for attribute in attributes { attribute.encode(into: &w) }
    }

    enum CodingKeys: String, CodingKey { case command = "cmd", attributes = "attrs" }
}
