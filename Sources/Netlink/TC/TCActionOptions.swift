/// The contents of TCA_ACT_OPTIONS, typed by the action's kind.
public enum TCActionOptions: Hashable, Sendable {
    case mirred(MirredOptions)
    case tunnelKey(TunnelKeyOptions)
    case vlan(VLANActionOptions)
    case pedit(PeditOptions)
    case csum(CsumOptions)
    case gact(GactOptions)
    case police(PoliceOptions)
    /// The options of a kind without a typed model (or of an action without a usable kind):
    /// the nest's payload verbatim.
    case raw([UInt8])

    /// The kind these options belong to; nil for raw options.
    public var kind: TCActionKind? {
        switch self {
        case .mirred: return .mirred
        case .tunnelKey: return .tunnelKey
        case .vlan: return .vlan
        case .pedit: return .pedit
        case .csum: return .csum
        case .gact: return .gact
        case .police: return .police
        case .raw: return nil
        }
    }

    /// Decodes a nest payload for `kind`.
    public init(decoding payload: ArraySlice<UInt8>, kind: TCActionKind?) throws(NetlinkDecodingError) {
        self = try payload.withBorrowedBytes { (b) throws(NetlinkDecodingError) in try TCActionOptions(decoding: b, kind: kind) }
    }

    init(decoding payload: BorrowedBytes, kind: TCActionKind?) throws(NetlinkDecodingError) {
        switch kind {
        case .mirred: self = .mirred(try MirredOptions(decoding: payload))
        case .tunnelKey: self = .tunnelKey(try TunnelKeyOptions(decoding: payload))
        case .vlan: self = .vlan(try VLANActionOptions(decoding: payload))
        case .pedit: self = .pedit(try PeditOptions(decoding: payload))
        case .csum: self = .csum(try CsumOptions(decoding: payload))
        case .gact: self = .gact(try GactOptions(decoding: payload))
        case .police: self = .police(try PoliceOptions(decoding: payload))
        case .other, nil: self = .raw(payload.array)
        }
    }

    /// Appends the nest's children (the caller writes the nest header).
    public func encode(into w: inout NetlinkWriter) {
        switch self {
        case .mirred(let o): o.encode(into: &w)
        case .tunnelKey(let o): o.encode(into: &w)
        case .vlan(let o): o.encode(into: &w)
        case .pedit(let o): o.encode(into: &w)
        case .csum(let o): o.encode(into: &w)
        case .gact(let o): o.encode(into: &w)
        case .police(let o): o.encode(into: &w)
        case .raw(let bytes): w.append(contentsOf: bytes)
        }
    }
}

extension TCActionOptions: Codable {
    // One key: the kind's name ({"mirred":[...]}) or "raw" with hex.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "mirred": self = .mirred(try c.decode(MirredOptions.self, forKey: key))
        case "tunnel_key": self = .tunnelKey(try c.decode(TunnelKeyOptions.self, forKey: key))
        case "vlan": self = .vlan(try c.decode(VLANActionOptions.self, forKey: key))
        case "pedit": self = .pedit(try c.decode(PeditOptions.self, forKey: key))
        case "csum": self = .csum(try c.decode(CsumOptions.self, forKey: key))
        case "gact": self = .gact(try c.decode(GactOptions.self, forKey: key))
        case "police": self = .police(try c.decode(PoliceOptions.self, forKey: key))
        case "raw":
            let text = try c.decode(String.self, forKey: key)
            guard let bytes = [UInt8](hex: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "invalid hex '\(text)'")
            }
            self = .raw(bytes)
        default: throw c.unknownKey(key, in: "action options")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .mirred(let o): try c.encode(o, for: "mirred")
        case .tunnelKey(let o): try c.encode(o, for: "tunnel_key")
        case .vlan(let o): try c.encode(o, for: "vlan")
        case .pedit(let o): try c.encode(o, for: "pedit")
        case .csum(let o): try c.encode(o, for: "csum")
        case .gact(let o): try c.encode(o, for: "gact")
        case .police(let o): try c.encode(o, for: "police")
        case .raw(let bytes): try c.encode(bytes.hexString, for: "raw")
        }
    }
}
