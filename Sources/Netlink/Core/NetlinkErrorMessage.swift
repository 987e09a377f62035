/// An NLMSG_ERROR: the kernel's answer to a request (errno 0 is an ACK), the request's header,
/// its payload unless the answer was capped, and the extended-ack attributes (message, offset).
public struct NetlinkErrorMessage: NetlinkBody {
    /// The `error` field: 0 for an ACK, otherwise a negative errno.
    public var error: Int32
    /// The header of the request being answered.
    public var request: NetlinkHeader
    /// The request's payload as echoed back (empty when NLM_F_CAPPED is set).
    public var requestPayload: [UInt8]
    /// NLMSGERR_ATTR_* attributes, present when NLM_F_ACK_TLVS is set.
    public var extendedAck: [ExtendedAckAttribute]

    public init(error: Int32, request: NetlinkHeader, requestPayload: [UInt8] = [], extendedAck: [ExtendedAckAttribute] = []) {
        self.error = error
        self.request = request
        self.requestPayload = requestPayload
        self.extendedAck = extendedAck
    }

    /// True for an ACK (error 0).
    public var isAck: Bool { error == 0 }
    /// The positive errno, 0 for an ACK.
    public var errno: Int32 { -error }
    /// The extack text (NLMSGERR_ATTR_MSG), if the kernel gave one.
    public var message: String? {
        for case .message(let text) in extendedAck { return text }
        return nil
    }
    /// The offset of the offending attribute in the request (NLMSGERR_ATTR_OFFS), if given.
    public var offset: UInt32? {
        for case .offset(let o) in extendedAck { return o }
        return nil
    }

    /// The body alone cannot tell whether the payload was capped: the outer flags say so.
    public init(decoding body: ArraySlice<UInt8>) throws(NetlinkDecodingError) {
        try self.init(decoding: body, flags: [])
    }

    /// Decodes with the outer message's flags (NLM_F_CAPPED, NLM_F_ACK_TLVS).
    public init(decoding body: ArraySlice<UInt8>, flags: NetlinkFlags) throws(NetlinkDecodingError) {
        try body.require(4 + netlinkHeaderLength, for: "nlmsgerr")
        let s = body.startIndex
        error = Int32(bitPattern: body.readLE(UInt32.self, at: s))
        request = try NetlinkHeader(decoding: body[(s + 4)...])
        var cursor = s + 4 + netlinkHeaderLength
        // An ACK (error 0) never echoes the payload; an error does unless capped.
        if error != 0 && !flags.contains(.capped) {
            let echoed = Int(request.length) - netlinkHeaderLength
            guard echoed >= 0, cursor + echoed <= body.endIndex else {
                throw NetlinkDecodingError(offset: s + 4, "echoed request length \(request.length) runs past the error message")
            }
            requestPayload = Array(body[cursor..<(cursor + echoed)])
            cursor += netlinkAlign(echoed)
        } else {
            requestPayload = []
        }
        if flags.contains(.ackTLVs), cursor < body.endIndex {
            extendedAck = try Self.decodeAttributes(body[cursor...], ExtendedAckAttribute.init(decoding:))
        } else {
            extendedAck = []
        }
    }

    public func encode(into w: inout NetlinkWriter) {
        w.append(error)
        request.encode(into: &w)
        w.append(contentsOf: requestPayload)
        w.align()
        for attribute in extendedAck { attribute.encode(into: &w) }
    }
}

/// One NLMSGERR_ATTR_* attribute.
public enum ExtendedAckAttribute: Hashable, Sendable {
    /// NLMSGERR_ATTR_MSG: human-readable text.
    case message(String)
    /// NLMSGERR_ATTR_OFFS: offset of the offending attribute in the request.
    case offset(UInt32)
    /// NLMSGERR_ATTR_MISS_TYPE: the attribute type that was missing.
    case missingType(UInt32)
    case unknown(RawAttribute)

    init(decoding a: NetlinkAttribute) throws(NetlinkDecodingError) {
        switch a.type {
        case NLMSGERR_ATTR.msg: self = .message(try a.string())
        case NLMSGERR_ATTR.offs: self = .offset(try a.u32())
        case NLMSGERR_ATTR.missType: self = .missingType(try a.u32())
        default: self = .unknown(RawAttribute(a))
        }
    }

    func encode(into w: inout NetlinkWriter) {
        switch self {
        case .message(let text): w.attribute(NLMSGERR_ATTR.msg, string: text)
        case .offset(let o): w.attribute(NLMSGERR_ATTR.offs, u32: o)
        case .missingType(let t): w.attribute(NLMSGERR_ATTR.missType, u32: t)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}

extension ExtendedAckAttribute: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "msg": self = .message(try c.decode(String.self, forKey: key))
        case "offset": self = .offset(try c.decode(UInt32.self, forKey: key))
        case "miss_type": self = .missingType(try c.decode(UInt32.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "extack")
        }
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .message(let t): try c.encode(t, for: "msg")
        case .offset(let o): try c.encode(o, for: "offset")
        case .missingType(let t): try c.encode(t, for: "miss_type")
        case .unknown(let r): try c.encode(r, for: "unknown")
        }
    }
}

extension NetlinkErrorMessage {
    enum CodingKeys: String, CodingKey { case error, errno, request, requestPayload = "request_payload", extendedAck = "extack" }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        error = try c.decode(Int32.self, forKey: .error)
        request = try c.decode(NetlinkHeader.self, forKey: .request)
        let hex = try c.decodeIfPresent(String.self, forKey: .requestPayload) ?? ""
        guard let bytes = [UInt8](hex: hex) else {
            throw DecodingError.dataCorruptedError(forKey: .requestPayload, in: c, debugDescription: "invalid hex")
        }
        requestPayload = bytes
        extendedAck = try c.decodeIfPresent([ExtendedAckAttribute].self, forKey: .extendedAck) ?? []
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(error, forKey: .error)
        try c.encode(request, forKey: .request)
        try c.encode(requestPayload.hexString, forKey: .requestPayload)
        try c.encode(extendedAck, forKey: .extendedAck)
    }
}
