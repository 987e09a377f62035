import EswitchModel

extension VFAttribute: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "address": self = .mac(try c.decode(MACAddress.self, forKey: key))
        case "vlan": self = .vlan(try c.decode(VFVLAN.self, forKey: key))
        case "vlan_list": self = .vlanList(try c.decode([VFVLANListEntry].self, forKey: key))
        case "tx_rate": self = .txRate(try c.decode(UInt32.self, forKey: key))
        case "spoofchk": self = .spoofCheck(try c.decode(VFSetting.self, forKey: key))
        case "link_state": self = .linkState(try c.decode(VFLinkState.self, forKey: key))
        case "rate": self = .rate(try c.decode(VFRate.self, forKey: key))
        case "query_rss_en": self = .rssQuery(try c.decode(VFSetting.self, forKey: key))
        case "stats": self = .stats(try c.decode([VFStatsAttribute].self, forKey: key))
        case "trust": self = .trust(try c.decode(VFSetting.self, forKey: key))
        case "node_guid": self = .ibNodeGUID(try Self.decodeGUID(c, forKey: key))
        case "port_guid": self = .ibPortGUID(try Self.decodeGUID(c, forKey: key))
        case "broadcast": self = .broadcast(try c.decode(MACAddress.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "VF")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .mac(let mac): try c.encode(mac, for: "address")
        case .vlan(let v): try c.encode(v, for: "vlan")
        case .vlanList(let list): try c.encode(list, for: "vlan_list")
        case .txRate(let r): try c.encode(r, for: "tx_rate")
        case .spoofCheck(let s): try c.encode(s, for: "spoofchk")
        case .linkState(let s): try c.encode(s, for: "link_state")
        case .rate(let r): try c.encode(r, for: "rate")
        case .rssQuery(let s): try c.encode(s, for: "query_rss_en")
        case .stats(let s): try c.encode(s, for: "stats")
        case .trust(let s): try c.encode(s, for: "trust")
        case .ibNodeGUID(let g): try c.encode(Self.guidText(g), for: "node_guid")
        case .ibPortGUID(let g): try c.encode(Self.guidText(g), for: "port_guid")
        case .broadcast(let mac): try c.encode(mac, for: "broadcast")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }

    /// A GUID as iproute2 takes it on the command line: eight colon-separated hex bytes, most
    /// significant first ("11:22:33:44:55:66:77:88").
    static func guidText(_ guid: UInt64) -> String {
        (0..<8).map { i in
            let byte = UInt8(truncatingIfNeeded: guid >> UInt64(56 - 8 * i))
            return byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }.joined(separator: ":")
    }

    static func decodeGUID(_ c: KeyedDecodingContainer<JSONKey>, forKey key: JSONKey) throws -> UInt64 {
        let text = try c.decode(String.self, forKey: key)
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var value: UInt64 = 0
        guard parts.count == 8 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "invalid GUID '\(text)': expected 8 colon-separated hex bytes")
        }
        for part in parts {
            guard (1...2).contains(part.count), let byte = UInt8(part, radix: 16) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "invalid GUID '\(text)': expected 8 colon-separated hex bytes")
            }
            value = value << 8 | UInt64(byte)
        }
        return value
    }
}
