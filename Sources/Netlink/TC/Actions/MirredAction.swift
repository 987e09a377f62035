import EswitchModel

/// Options of a `mirred` action: redirect or mirror packets to another device.
public typealias MirredOptions = TCActionOptionList<MirredAttribute>

/// One TCA_MIRRED_* attribute.
public enum MirredAttribute: TCActionOptionAttribute {
    /// TCA_MIRRED_PARMS: `struct tc_mirred`.
    case parameters(MirredParameters)
    /// TCA_MIRRED_TM: install/use times (dumps).
    case time(TCActionTime)
    /// Anything else (TCA_MIRRED_PAD, bigger structs of newer kernels), verbatim.
    case unknown(RawAttribute)
}

/// `struct tc_mirred`: the common action fields, what to do (`eaction`) and the target device.
public struct MirredParameters: Hashable, Sendable {
    /// The tc_gen fields (verdict, index...).
    public var common: TCActionCommon
    /// Redirect or mirror, to egress or ingress (TCA_EGRESS_REDIR...).
    public var action: MirredEAction
    /// The device packets go to.
    public var ifindex: IfIndex

    /// Parameters as a request carries them.
    public init(_ action: MirredEAction, ifindex: IfIndex, verdict: TCVerdict, index: UInt32 = 0) {
        self.init(common: TCActionCommon(verdict: verdict, index: index), action: action, ifindex: ifindex)
    }

    /// Parameters from every field.
    public init(common: TCActionCommon, action: MirredEAction, ifindex: IfIndex) {
        self.common = common
        self.action = action
        self.ifindex = ifindex
    }
}

/// Whether mirred moves (redirect) or copies (mirror) the packet.
public enum MirredMode: String, Hashable, Sendable, Codable {
    case redirect, mirror
}

/// Where mirred puts the packet on the target device.
public enum MirredDirection: String, Hashable, Sendable, Codable {
    case egress, ingress
}

/// `tc_mirred.eaction`: one of TCA_EGRESS_REDIR, TCA_EGRESS_MIRROR, TCA_INGRESS_REDIR,
/// TCA_INGRESS_MIRROR, or any other value as received.
public struct MirredEAction: RawRepresentable, Hashable, Sendable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let egressRedirect = MirredEAction(rawValue: TCA_MIRRED_EACTION.egressRedirect)
    public static let egressMirror = MirredEAction(rawValue: TCA_MIRRED_EACTION.egressMirror)
    public static let ingressRedirect = MirredEAction(rawValue: TCA_MIRRED_EACTION.ingressRedirect)
    public static let ingressMirror = MirredEAction(rawValue: TCA_MIRRED_EACTION.ingressMirror)

    /// The eaction for a mode and a direction.
    public init(_ mode: MirredMode, _ direction: MirredDirection) {
        switch (mode, direction) {
        case (.redirect, .egress): self = .egressRedirect
        case (.mirror, .egress): self = .egressMirror
        case (.redirect, .ingress): self = .ingressRedirect
        case (.mirror, .ingress): self = .ingressMirror
        }
    }

    /// Redirect or mirror; nil for an unknown value.
    public var mode: MirredMode? {
        switch self {
        case .egressRedirect, .ingressRedirect: return .redirect
        case .egressMirror, .ingressMirror: return .mirror
        default: return nil
        }
    }

    /// Egress or ingress; nil for an unknown value.
    public var direction: MirredDirection? {
        switch self {
        case .egressRedirect, .egressMirror: return .egress
        case .ingressRedirect, .ingressMirror: return .ingress
        default: return nil
        }
    }
}

extension MirredAttribute: BorrowedAttributeDecodable {
    public init(decoding a: NetlinkAttribute) throws(NetlinkDecodingError) {
        self = try a.withBorrowed { (b) throws(NetlinkDecodingError) in try MirredAttribute(decoding: b) }
    }

    init(decoding a: BorrowedAttribute) throws(NetlinkDecodingError) {
        guard a.rawType & ~NLA.typeMask == 0 else { self = .unknown(RawAttribute(a)); return }  // flags would be lost
        switch a.type {
        case TCA_MIRRED.parms:
            guard try a.tcActionStruct(tcMirredLength, "tc_mirred") else { self = .unknown(RawAttribute(a)); return }
            let p = a.payload, s = p.startIndex
            self = .parameters(MirredParameters(
                common: TCActionCommon(p, at: s),
                action: MirredEAction(rawValue: Int32(bitPattern: p.readLE(UInt32.self, at: s + 20))),
                ifindex: IfIndex(p.readLE(UInt32.self, at: s + 24))))
        case TCA_MIRRED.tm:
            if let t = TCActionTime(a) { self = .time(t) } else { self = .unknown(RawAttribute(a)) }
        default:
            self = .unknown(RawAttribute(a))
        }
    }

    @inline(__always) public func encode(into w: inout NetlinkWriter) {  // see TCActionOptionList.encode
        switch self {
        case .parameters(let p):
            let s = w.beginAttribute(TCA_MIRRED.parms)
            p.common.encode(into: &w)
            w.append(p.action.rawValue)
            w.append(p.ifindex.rawValue)
            w.endAttribute(s)
        case .time(let t): t.encode(TCA_MIRRED.tm, into: &w)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}

extension MirredAttribute: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "parms": self = .parameters(try c.decode(MirredParameters.self, forKey: key))
        case "tm": self = .time(try c.decode(TCActionTime.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "mirred")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .parameters(let p): try c.encode(p, for: "parms")
        case .time(let t): try c.encode(t, for: "tm")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}

extension MirredParameters: Codable {
    // {"mirred_action":"redirect","direction":"egress","ifindex":2,"verdict":"stolen"} with
    // iproute2's words; an eaction without a name is {"eaction":N}.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        if let raw = try c.decodeIfPresent(Int32.self, forKey: JSONKey("eaction")) {
            action = MirredEAction(rawValue: raw)
        } else {
            action = MirredEAction(
                try c.decode(MirredMode.self, forKey: JSONKey("mirred_action")),
                try c.decode(MirredDirection.self, forKey: JSONKey("direction")))
        }
        ifindex = try c.decode(IfIndex.self, forKey: JSONKey("ifindex"))
        common = try TCActionCommon(fields: c)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        if let mode = action.mode, let direction = action.direction {
            try c.encode(mode, for: "mirred_action")
            try c.encode(direction, for: "direction")
        } else {
            try c.encode(action.rawValue, for: "eaction")
        }
        try c.encode(ifindex, for: "ifindex")
        try common.encodeFields(to: &c)
    }
}

extension TCActionOptionList where Attribute == MirredAttribute {
    /// `mirred <direction> redirect dev <ifindex>`: the packet leaves through `ifindex` and the
    /// filter is done with it (verdict stolen, as iproute2 sends).
    public static func redirect(_ direction: MirredDirection = .egress, to ifindex: IfIndex, verdict: TCVerdict = .stolen, index: UInt32 = 0) -> MirredOptions {
        MirredOptions([.parameters(MirredParameters(MirredEAction(.redirect, direction), ifindex: ifindex, verdict: verdict, index: index))])
    }

    /// `mirred <direction> mirror dev <ifindex>`: a copy goes to `ifindex` and the original goes
    /// on to the next action (verdict pipe, iproute2's default).
    public static func mirror(_ direction: MirredDirection = .egress, to ifindex: IfIndex, verdict: TCVerdict = .pipe, index: UInt32 = 0) -> MirredOptions {
        MirredOptions([.parameters(MirredParameters(MirredEAction(.mirror, direction), ifindex: ifindex, verdict: verdict, index: index))])
    }

    /// TCA_MIRRED_PARMS, if present.
    public var parameters: MirredParameters? {
        for case .parameters(let p) in attributes { return p }
        return nil
    }
}
