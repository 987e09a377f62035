/// A generic-netlink message body: `struct genlmsghdr` (command, version, reserved) then the
/// family's attributes.
///
/// The family is not in the bytes: it is the netlink message type, an id the kernel assigns at run
/// time (resolved with ``ControlMessage/getFamily(_:)``). The decoder is told the family by
/// ``NetlinkDecodingContext``; without it the attributes stay raw.
public struct GenericMessage: Hashable, Sendable {
    /// GENL_HDRLEN.
    public static let headerLength = GENL.headerLength

    /// genlmsghdr `version`. iproute2 6.1 sends 0 in devlink and vdpa requests and 1 in its
    /// CTRL_CMD_GETFAMILY; the kernel ignores it in requests. Replies carry the family's version.
    public var version: UInt8
    /// genlmsghdr `reserved`, kept so that any input re-encodes identically (0 in practice).
    public var reserved: UInt16
    /// The command and attributes, typed by family.
    public var body: GenericBody

    public init(version: UInt8 = 0, reserved: UInt16 = 0, _ body: GenericBody) {
        self.version = version
        self.reserved = reserved
        self.body = body
    }

    /// The genlmsghdr command number.
    public var command: UInt8 { body.command }
    /// The family, nil when the message was decoded without knowing it.
    public var family: GenericFamily? { body.family }

    /// The controller message, if this is one.
    public var control: ControlMessage? {
        if case .control(let m) = body { return m }
        return nil
    }
    /// The devlink message, if this is one.
    public var devlink: DevlinkMessage? {
        if case .devlink(let m) = body { return m }
        return nil
    }
    /// The vdpa message, if this is one.
    public var vdpa: VDPAMessage? {
        if case .vdpa(let m) = body { return m }
        return nil
    }

    /// Decodes genlmsghdr and the attributes of `family` (raw attributes when nil).
    public init(decoding body: ArraySlice<UInt8>, family: GenericFamily?) throws(NetlinkDecodingError) {
        try body.require(Self.headerLength, for: "genlmsghdr")
        let s = body.startIndex
        let command = body[s]
        version = body[s + 1]
        reserved = body.readLE(UInt16.self, at: s + 2)
        let attributes = body[(s + Self.headerLength)...]
        switch family {
        case .control:
            self.body = .control(try ControlMessage(command: ControlCommand(rawValue: command), decoding: attributes))
        case .devlink:
            self.body = .devlink(try DevlinkMessage(command: DevlinkCommand(rawValue: command), decoding: attributes))
        case .vdpa:
            self.body = .vdpa(try VDPAMessage(command: VDPACommand(rawValue: command), decoding: attributes))
        case nil:
            var reader = AttributeReader(attributes)
            var raw: [RawAttribute] = []
            while let attribute = try reader.next() { raw.append(RawAttribute(attribute)) }
            self.body = .raw(command: command, attributes: raw)
        }
    }

    /// Appends genlmsghdr and the attributes.
    public func encode(into w: inout NetlinkWriter) {
        w.append(command)
        w.append(version)
        w.append(reserved)
        switch body {
        case .control(let m): m.encodeAttributes(into: &w)
        case .devlink(let m): m.encodeAttributes(into: &w)
        case .vdpa(let m): m.encodeAttributes(into: &w)
        case .raw(_, let attributes): for a in attributes { a.encode(into: &w) }
        }
    }
}
