/// struct ifla_vf_vlan without its vf field (IFLA_VF_VLAN): the VF's port VLAN and 802.1p
/// priority, tagged with 802.1Q. VLAN 0 removes the port VLAN. iproute2 uses this form for
/// `vf N vlan V [qos Q]` without `proto`. JSON: {"vlan": 10, "qos": 0}.
public struct VFVLAN: Hashable, Sendable, Codable {
    /// The VLAN id (u32 on the wire; 0...4095 are meaningful).
    public var vlan: UInt32
    /// The 802.1p priority (u32 on the wire; 0...7 are meaningful).
    public var qos: UInt32

    public init(vlan: UInt32, qos: UInt32 = 0) {
        self.vlan = vlan
        self.qos = qos
    }
}

/// struct ifla_vf_vlan_info without its vf field (IFLA_VF_VLAN_INFO inside IFLA_VF_VLAN_LIST):
/// VLAN, priority and TPID. iproute2 uses this form for `vf N vlan V [qos Q] proto P`, and the
/// kernel reports the VF's VLAN this way too. JSON: {"vlan": 20, "qos": 3, "protocol": "802.1ad"}.
public struct VFVLANInfo: Hashable, Sendable, Codable {
    public var vlan: UInt32
    public var qos: UInt32
    /// The TPID (network order on the wire).
    public var vlanProtocol: VFVLANProtocol

    public init(vlan: UInt32, qos: UInt32 = 0, vlanProtocol: VFVLANProtocol = .dot1Q) {
        self.vlan = vlan
        self.qos = qos
        self.vlanProtocol = vlanProtocol
    }

    enum CodingKeys: String, CodingKey { case vlan, qos, vlanProtocol = "protocol" }
}

/// A VLAN TPID (ethertype). JSON uses iproute2's words "802.1Q" / "802.1ad", or the number.
public struct VFVLANProtocol: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// ETH_P_8021Q (linux/if_ether.h).
    public static let dot1Q = VFVLANProtocol(rawValue: 0x8100)
    /// ETH_P_8021AD (linux/if_ether.h).
    public static let dot1ad = VFVLANProtocol(rawValue: 0x88A8)

    static let names: [(String, UInt64)] = [("802.1Q", 0x8100), ("802.1ad", 0x88A8)]

    public var description: String {
        Self.names.first(where: { $0.1 == UInt64(rawValue) })?.0 ?? "0x" + String(rawValue, radix: 16)
    }
    public init(from decoder: Decoder) throws {
        rawValue = UInt16(try LinkJSON.decodeWord(decoder, Self.names, max: UInt64(UInt16.max)))
    }
    public func encode(to encoder: Encoder) throws {
        try LinkJSON.encodeWord(UInt64(rawValue), Self.names, to: encoder)
    }
}

/// One entry of IFLA_VF_VLAN_LIST: a VLAN, or an attribute of another shape kept verbatim.
/// JSON: the VLAN's object, or {"unknown": {...}}.
public enum VFVLANListEntry: Hashable, Sendable {
    case info(VFVLANInfo)
    case unknown(RawAttribute)
}

extension VFVLANListEntry: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        if c.contains(JSONKey("unknown")) {
            self = .unknown(try c.decode(RawAttribute.self, forKey: JSONKey("unknown")))
        } else {
            self = .info(try VFVLANInfo(from: decoder))
        }
    }
    public func encode(to encoder: Encoder) throws {
        switch self {
        case .info(let info): try info.encode(to: encoder)
        case .unknown(let raw):
            var c = encoder.container(keyedBy: JSONKey.self)
            try c.encode(raw, for: "unknown")
        }
    }
}
