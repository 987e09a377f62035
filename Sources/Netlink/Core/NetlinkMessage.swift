/// One netlink message: the `nlmsghdr` fields and a typed body. The length is not stored: the
/// encoder computes it.
public struct NetlinkMessage: Hashable, Sendable {
    /// `nlmsg_type`: an RTM_* type, NLMSG_ERROR/DONE, or a generic-netlink family id.
    public var type: UInt16
    /// `nlmsg_flags`.
    public var flags: NetlinkFlags
    /// `nlmsg_seq`.
    public var sequence: UInt32
    /// `nlmsg_pid`.
    public var portID: UInt32
    /// The typed body.
    public var body: NetlinkMessageBody

    public init(type: UInt16, flags: NetlinkFlags, sequence: UInt32 = 0, portID: UInt32 = 0, body: NetlinkMessageBody) {
        self.type = type
        self.flags = flags
        self.sequence = sequence
        self.portID = portID
        self.body = body
    }
}

/// The body of a message, by kind. The kind follows from the type and the socket's protocol.
public enum NetlinkMessageBody: Hashable, Sendable {
    case link(LinkMessage)
    case neighbour(NeighbourMessage)
    case qdisc(QdiscMessage)
    case filter(FilterMessage)
    case generic(GenericMessage)
    case error(NetlinkErrorMessage)
    /// NLMSG_DONE, with the int the kernel puts after the header (0 or a negative errno).
    case done(Int32)
    /// A type eswitch does not model: the body bytes verbatim.
    case raw([UInt8])
}

/// The netlink protocol a buffer was read from or is for; it decides what a type number means.
public enum NetlinkProtocol: String, Hashable, Sendable, Codable {
    case route
    case generic
}

/// What the decoder needs besides the bytes: the protocol and the generic-netlink family ids that
/// were resolved at run time (the kernel hands them out; GENL_ID_CTRL is fixed).
public struct NetlinkDecodingContext: Hashable, Sendable {
    public var netlinkProtocol: NetlinkProtocol
    /// Family id -> family, for generic netlink.
    public var families: [UInt16: GenericFamily]

    public init(_ netlinkProtocol: NetlinkProtocol, families: [UInt16: GenericFamily] = [:]) {
        self.netlinkProtocol = netlinkProtocol
        self.families = families
    }

    public static let route = NetlinkDecodingContext(.route)

    /// The family of a generic-netlink message type, if known.
    public func family(forType type: UInt16) -> GenericFamily? {
        type == GENL.idCtrl ? .control : families[type]
    }
}

extension NetlinkMessage {
    /// Decodes every message in `bytes` (a datagram may hold several).
    public static func decodeAll(_ bytes: [UInt8], context: NetlinkDecodingContext) throws(NetlinkDecodingError) -> [NetlinkMessage] {
        var out: [NetlinkMessage] = []
        var offset = 0
        while offset < bytes.count {
            let (message, length) = try decode(bytes[offset...], context: context)
            out.append(message)
            offset += netlinkAlign(length)
        }
        return out
    }

    /// Decodes exactly one message filling `bytes` (trailing padding allowed).
    public static func decode(_ bytes: [UInt8], context: NetlinkDecodingContext) throws(NetlinkDecodingError) -> NetlinkMessage {
        let (message, length) = try decode(bytes[...], context: context)
        guard netlinkAlign(length) >= bytes.count else {
            throw NetlinkDecodingError(offset: length, "\(bytes.count - length) bytes after the message's length")
        }
        return message
    }

    /// Decodes the message at the start of `bytes`; returns it and its `nlmsg_len`.
    public static func decode(_ bytes: ArraySlice<UInt8>, context: NetlinkDecodingContext) throws(NetlinkDecodingError) -> (NetlinkMessage, Int) {
        try decode(bytes, context: context, memo: nil)
    }

    /// Decodes the message at the start of `bytes` as ``decode(_:context:)-(ArraySlice<UInt8>,_)``
    /// does, taking the action lists of tc filters from `actionLists` when it holds them (and
    /// remembering the ones it decodes): the same result, without decoding the same list again.
    public static func decode(_ bytes: ArraySlice<UInt8>, context: NetlinkDecodingContext,
                              actionLists: inout TCActionListMemo) throws(NetlinkDecodingError) -> (NetlinkMessage, Int) {
        try withUnsafeMutablePointer(to: &actionLists) { (memo) throws(NetlinkDecodingError) in try decode(bytes, context: context, memo: memo) }
    }

    static func decode(_ bytes: ArraySlice<UInt8>, context: NetlinkDecodingContext,
                       memo: UnsafeMutablePointer<TCActionListMemo>?) throws(NetlinkDecodingError) -> (NetlinkMessage, Int) {
        try bytes.require(netlinkHeaderLength, for: "nlmsghdr")
        let s = bytes.startIndex
        let length = Int(bytes.readLE(UInt32.self, at: s))
        guard length >= netlinkHeaderLength else {
            throw NetlinkDecodingError(offset: s, "nlmsg_len \(length) is shorter than the 16-byte header")
        }
        guard length <= bytes.count else {
            throw NetlinkDecodingError(offset: s, "nlmsg_len \(length) runs past the end of the input (\(bytes.count) bytes)")
        }
        let type = bytes.readLE(UInt16.self, at: s + 4)
        let flags = NetlinkFlags(rawValue: bytes.readLE(UInt16.self, at: s + 6))
        let sequence = bytes.readLE(UInt32.self, at: s + 8)
        let portID = bytes.readLE(UInt32.self, at: s + 12)
        let payload = bytes[(s + netlinkHeaderLength)..<(s + length)]
        let body = try NetlinkMessageBody(decoding: payload, type: type, flags: flags, context: context, memo: memo)
        return (NetlinkMessage(type: type, flags: flags, sequence: sequence, portID: portID, body: body), length)
    }

    /// Appends the message (header with its computed length, then the body) to `writer`.
    public func encode(into writer: inout NetlinkWriter) {
        let start = writer.beginMessage(type: type, flags: flags, sequence: sequence, portID: portID)
        body.encode(into: &writer)
        writer.endMessage(start)
    }

    /// The message as bytes.
    public func encoded() -> [UInt8] {
        var writer = NetlinkWriter()
        encode(into: &writer)
        return writer.bytes
    }
}

extension NetlinkMessageBody {
    /// Picks the body kind from the message type and protocol, then decodes it.
    public init(decoding payload: ArraySlice<UInt8>, type: UInt16, flags: NetlinkFlags, context: NetlinkDecodingContext) throws(NetlinkDecodingError) {
        try self.init(decoding: payload, type: type, flags: flags, context: context, memo: nil)
    }

    init(decoding payload: ArraySlice<UInt8>, type: UInt16, flags: NetlinkFlags, context: NetlinkDecodingContext,
         memo: UnsafeMutablePointer<TCActionListMemo>?) throws(NetlinkDecodingError) {
        switch type {
        case NLMSG.error:
            self = .error(try NetlinkErrorMessage(decoding: payload, flags: flags))
            return
        case NLMSG.done:
            // NLMSG_DONE carries one int; any other size is kept as bytes so it re-encodes as received.
            self = payload.count == 4 ? .done(Int32(bitPattern: payload.readLE(UInt32.self, at: payload.startIndex))) : .raw(Array(payload))
            return
        default: break
        }
        switch context.netlinkProtocol {
        case .route:
            switch type {
            case RTM.newLink, RTM.delLink, RTM.getLink, RTM.setLink: self = .link(try LinkMessage(decoding: payload))
            case RTM.newNeigh, RTM.delNeigh, RTM.getNeigh: self = .neighbour(try NeighbourMessage(decoding: payload))
            case RTM.newQdisc, RTM.delQdisc, RTM.getQdisc: self = .qdisc(try QdiscMessage(decoding: payload))
            case RTM.newTFilter, RTM.delTFilter, RTM.getTFilter: self = .filter(try FilterMessage(decoding: payload, memo: memo))
            default: self = .raw(Array(payload))
            }
        case .generic:
            if type >= NLMSG.minType, payload.count >= GenericMessage.headerLength {
                self = .generic(try GenericMessage(decoding: payload, family: context.family(forType: type)))
            } else {
                self = .raw(Array(payload))
            }
        }
    }

    /// Appends the body bytes.
    public func encode(into writer: inout NetlinkWriter) {
        switch self {
        case .link(let m): m.encode(into: &writer)
        case .neighbour(let m): m.encode(into: &writer)
        case .qdisc(let m): m.encode(into: &writer)
        case .filter(let m): m.encode(into: &writer)
        case .generic(let m): m.encode(into: &writer)
        case .error(let m): m.encode(into: &writer)
        case .done(let code): writer.append(code)
        case .raw(let bytes): writer.append(contentsOf: bytes)
        }
    }
}
