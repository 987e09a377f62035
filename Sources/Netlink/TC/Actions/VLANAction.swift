import EswitchModel

/// Options of a `vlan` action: push, pop or modify an 802.1Q/802.1ad tag.
public typealias VLANActionOptions = TCActionOptionList<VLANActionAttribute>

/// One TCA_VLAN_* attribute.
public enum VLANActionAttribute: TCActionOptionAttribute {
    /// TCA_VLAN_PARMS: `struct tc_vlan`.
    case parameters(VLANActionParameters)
    /// TCA_VLAN_PUSH_VLAN_ID: the VLAN id to push or set (host-order u16).
    case vlanID(UInt16)
    /// TCA_VLAN_PUSH_VLAN_PROTOCOL: the tag's ethertype, 802.1Q or 802.1ad (be16 on the wire).
    case vlanProtocol(UInt16)
    /// TCA_VLAN_PUSH_VLAN_PRIORITY: the PCP bits.
    case vlanPriority(UInt8)
    /// TCA_VLAN_PUSH_ETH_DST (push_eth).
    case ethernetDestination(MACAddress)
    /// TCA_VLAN_PUSH_ETH_SRC (push_eth).
    case ethernetSource(MACAddress)
    /// TCA_VLAN_TM: install/use times (dumps).
    case time(TCActionTime)
    /// Anything else, verbatim.
    case unknown(RawAttribute)
}

/// `struct tc_vlan`: the common action fields and what to do with the tag.
public struct VLANActionParameters: Hashable, Sendable {
    /// The tc_gen fields (verdict, index...).
    public var common: TCActionCommon
    /// `v_action`: pop, push, modify, pop_eth, push_eth.
    public var action: VLANActionOperation

    /// Parameters as iproute2 sends them (verdict pipe by default).
    public init(_ action: VLANActionOperation, verdict: TCVerdict = .pipe, index: UInt32 = 0) {
        self.init(common: TCActionCommon(verdict: verdict, index: index), action: action)
    }

    /// Parameters from every field.
    public init(common: TCActionCommon, action: VLANActionOperation) {
        self.common = common
        self.action = action
    }
}

/// `tc_vlan.v_action` (TCA_VLAN_ACT_*); other values are kept.
public struct VLANActionOperation: RawRepresentable, Hashable, Sendable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let pop = VLANActionOperation(rawValue: TCA_VLAN_ACT.pop)
    public static let push = VLANActionOperation(rawValue: TCA_VLAN_ACT.push)
    public static let modify = VLANActionOperation(rawValue: TCA_VLAN_ACT.modify)
    public static let popEth = VLANActionOperation(rawValue: TCA_VLAN_ACT.popEth)
    public static let pushEth = VLANActionOperation(rawValue: TCA_VLAN_ACT.pushEth)

    static let words: [(String, VLANActionOperation)] = [("pop", .pop), ("push", .push), ("modify", .modify), ("pop_eth", .popEth), ("push_eth", .pushEth)]
}

extension VLANActionOperation: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int32.self) { rawValue = n; return }
        let word = try c.decode(String.self)
        guard let op = Self.words.first(where: { $0.0 == word })?.1 else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown vlan action '\(word)'; known: \(Self.words.map(\.0).joined(separator: ", ")), or a number")
        }
        self = op
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let word = Self.words.first(where: { $0.1 == self })?.0 { try c.encode(word) } else { try c.encode(rawValue) }
    }
}

/// The VLAN protocol of TCA_VLAN_PUSH_VLAN_PROTOCOL as iproute2 names it: "802.1Q", "802.1ad",
/// otherwise the ethertype as a number.
enum VLANActionProtocolName {
    static func encode(_ value: UInt16, to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch value {
        case ETH_P_VLAN.q8021: try c.encode("802.1Q")
        case ETH_P_VLAN.ad8021: try c.encode("802.1ad")
        default: try c.encode(value)
        }
    }
    static func decode(_ decoder: Decoder) throws -> UInt16 {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(UInt16.self) { return n }
        switch try c.decode(String.self).lowercased() {
        case "802.1q": return ETH_P_VLAN.q8021
        case "802.1ad": return ETH_P_VLAN.ad8021
        case let other: throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown vlan protocol '\(other)'; known: 802.1Q, 802.1ad, or a number")
        }
    }
}

extension VLANActionAttribute: BorrowedAttributeDecodable {
    public init(decoding a: NetlinkAttribute) throws(NetlinkDecodingError) {
        self = try a.withBorrowed { (b) throws(NetlinkDecodingError) in try VLANActionAttribute(decoding: b) }
    }

    init(decoding a: BorrowedAttribute) throws(NetlinkDecodingError) {
        guard a.rawType & ~NLA.typeMask == 0 else { self = .unknown(RawAttribute(a)); return }  // flags would be lost
        let n = a.payload.count
        switch a.type {
        case TCA_VLAN.parms:
            guard try a.tcActionStruct(tcVLANLength, "tc_vlan") else { self = .unknown(RawAttribute(a)); return }
            let p = a.payload, s = p.startIndex
            self = .parameters(VLANActionParameters(common: TCActionCommon(p, at: s), action: VLANActionOperation(rawValue: Int32(bitPattern: p.readLE(UInt32.self, at: s + 20)))))
        case TCA_VLAN.pushVLANID where n == 2: self = .vlanID(try a.u16())
        case TCA_VLAN.pushVLANProtocol where n == 2: self = .vlanProtocol(try a.bigEndian16())
        case TCA_VLAN.pushVLANPriority where n == 1: self = .vlanPriority(try a.u8())
        case TCA_VLAN.pushEthDst where n == 6: self = .ethernetDestination(try a.mac())
        case TCA_VLAN.pushEthSrc where n == 6: self = .ethernetSource(try a.mac())
        case TCA_VLAN.tm:
            if let t = TCActionTime(a) { self = .time(t) } else { self = .unknown(RawAttribute(a)) }
        default: self = .unknown(RawAttribute(a))
        }
    }

    public func encode(into w: inout NetlinkWriter) {
        switch self {
        case .parameters(let p):
            let s = w.beginAttribute(TCA_VLAN.parms)
            p.common.encode(into: &w)
            w.append(p.action.rawValue)
            w.endAttribute(s)
        case .vlanID(let id): w.attribute(TCA_VLAN.pushVLANID, u16: id)
        case .vlanProtocol(let proto): w.attribute(TCA_VLAN.pushVLANProtocol, bigEndian16: proto)
        case .vlanPriority(let prio): w.attribute(TCA_VLAN.pushVLANPriority, u8: prio)
        case .ethernetDestination(let mac): w.attribute(TCA_VLAN.pushEthDst, bytes: mac.array)
        case .ethernetSource(let mac): w.attribute(TCA_VLAN.pushEthSrc, bytes: mac.array)
        case .time(let t): t.encode(TCA_VLAN.tm, into: &w)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}

extension VLANActionAttribute: Codable {
    // iproute2's vlan words: id, protocol, priority, dst_mac, src_mac.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "parms": self = .parameters(try c.decode(VLANActionParameters.self, forKey: key))
        case "id": self = .vlanID(try c.decode(UInt16.self, forKey: key))
        case "protocol": self = .vlanProtocol(try VLANActionProtocolName.decode(try c.superDecoder(forKey: key)))
        case "priority": self = .vlanPriority(try c.decode(UInt8.self, forKey: key))
        case "dst_mac": self = .ethernetDestination(try c.decode(MACAddress.self, forKey: key))
        case "src_mac": self = .ethernetSource(try c.decode(MACAddress.self, forKey: key))
        case "tm": self = .time(try c.decode(TCActionTime.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "vlan")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .parameters(let p): try c.encode(p, for: "parms")
        case .vlanID(let id): try c.encode(id, for: "id")
        case .vlanProtocol(let proto): try VLANActionProtocolName.encode(proto, to: c.superEncoder(forKey: JSONKey("protocol")))
        case .vlanPriority(let prio): try c.encode(prio, for: "priority")
        case .ethernetDestination(let mac): try c.encode(mac, for: "dst_mac")
        case .ethernetSource(let mac): try c.encode(mac, for: "src_mac")
        case .time(let t): try c.encode(t, for: "tm")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}

extension VLANActionParameters: Codable {
    // {"vlan_action":"push","verdict":"pipe"}
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        action = try c.decode(VLANActionOperation.self, forKey: JSONKey("vlan_action"))
        common = try TCActionCommon(fields: c)
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(action, for: "vlan_action")
        try common.encodeFields(to: &c)
    }
}

extension TCActionOptionList where Attribute == VLANActionAttribute {
    /// `vlan pop`.
    public static func pop(verdict: TCVerdict = .pipe, index: UInt32 = 0) -> VLANActionOptions {
        VLANActionOptions([.parameters(VLANActionParameters(.pop, verdict: verdict, index: index))])
    }

    /// `vlan push [protocol P] id ID [priority PRIO]`; `vlanProtocol` is an ethertype
    /// (ETH_P_VLAN.q8021 / .ad8021) and is only sent when given, as iproute2 does.
    public static func push(id: UInt16, vlanProtocol: UInt16? = nil, priority: UInt8? = nil, verdict: TCVerdict = .pipe, index: UInt32 = 0) -> VLANActionOptions {
        tagged(.push, id: id, vlanProtocol: vlanProtocol, priority: priority, verdict: verdict, index: index)
    }

    /// `vlan modify [protocol P] id ID [priority PRIO]`: rewrite the outer tag.
    public static func modify(id: UInt16, vlanProtocol: UInt16? = nil, priority: UInt8? = nil, verdict: TCVerdict = .pipe, index: UInt32 = 0) -> VLANActionOptions {
        tagged(.modify, id: id, vlanProtocol: vlanProtocol, priority: priority, verdict: verdict, index: index)
    }

    static func tagged(_ op: VLANActionOperation, id: UInt16, vlanProtocol: UInt16?, priority: UInt8?, verdict: TCVerdict, index: UInt32) -> VLANActionOptions {
        var list: [VLANActionAttribute] = [.parameters(VLANActionParameters(op, verdict: verdict, index: index)), .vlanID(id)]
        if let vlanProtocol { list.append(.vlanProtocol(vlanProtocol)) }
        if let priority { list.append(.vlanPriority(priority)) }
        return VLANActionOptions(list)
    }

    /// TCA_VLAN_PARMS, if present.
    public var parameters: VLANActionParameters? {
        for case .parameters(let p) in attributes { return p }
        return nil
    }
    /// The VLAN id, if present.
    public var vlanID: UInt16? {
        for case .vlanID(let id) in attributes { return id }
        return nil
    }
}
