/// An action's kind (TCA_ACT_KIND): the name of the kernel module that runs it.
public enum TCActionKind: Hashable, Sendable {
    case mirred, tunnelKey, vlan, pedit, csum, gact, police
    /// Any other kind (ct, skbedit, sample...), by name; its options stay raw.
    case other(String)

    /// The name on the wire and in iproute2 ("mirred", "tunnel_key"...).
    public var name: String {
        switch self {
        case .mirred: return "mirred"
        case .tunnelKey: return "tunnel_key"
        case .vlan: return "vlan"
        case .pedit: return "pedit"
        case .csum: return "csum"
        case .gact: return "gact"
        case .police: return "police"
        case .other(let name): return name
        }
    }

    /// The kind for a name; known names give the typed cases.
    public init(_ name: String) {
        switch name {
        case "mirred": self = .mirred
        case "tunnel_key": self = .tunnelKey
        case "vlan": self = .vlan
        case "pedit": self = .pedit
        case "csum": self = .csum
        case "gact": self = .gact
        case "police": self = .police
        default: self = .other(name)
        }
    }

    // The NUL-terminated wire forms of the known kinds: decode compares bytes (by length first)
    // and encode copies them, so the hot paths make no String.
    static let mirredWire = Array("mirred\0".utf8), tunnelKeyWire = Array("tunnel_key\0".utf8), vlanWire = Array("vlan\0".utf8),
        peditWire = Array("pedit\0".utf8), csumWire = Array("csum\0".utf8), gactWire = Array("gact\0".utf8), policeWire = Array("police\0".utf8)

    /// Decodes a TCA_ACT_KIND payload: exactly the name and one NUL (what iproute2 and the kernel
    /// send). Nil for anything else (no NUL, extra bytes, invalid UTF-8): the caller keeps it raw.
    init?(wire p: ArraySlice<UInt8>) {
        switch p.count {
        case 5 where p.elementsEqual(Self.vlanWire): self = .vlan; return
        case 5 where p.elementsEqual(Self.gactWire): self = .gact; return
        case 5 where p.elementsEqual(Self.csumWire): self = .csum; return
        case 6 where p.elementsEqual(Self.peditWire): self = .pedit; return
        case 7 where p.elementsEqual(Self.mirredWire): self = .mirred; return
        case 7 where p.elementsEqual(Self.policeWire): self = .police; return
        case 11 where p.elementsEqual(Self.tunnelKeyWire): self = .tunnelKey; return
        default: break
        }
        guard let last = p.last, last == 0, p.dropLast().firstIndex(of: 0) == nil,
              let name = String(validating: p.dropLast(), as: UTF8.self) else { return nil }
        // A known name always decodes to its typed case above; keep .other for the rest only.
        self = .other(name)
    }

    func encode(into w: inout NetlinkWriter) {
        switch self {
        case .mirred: w.attribute(TCA_ACT.kind, bytes: Self.mirredWire)
        case .tunnelKey: w.attribute(TCA_ACT.kind, bytes: Self.tunnelKeyWire)
        case .vlan: w.attribute(TCA_ACT.kind, bytes: Self.vlanWire)
        case .pedit: w.attribute(TCA_ACT.kind, bytes: Self.peditWire)
        case .csum: w.attribute(TCA_ACT.kind, bytes: Self.csumWire)
        case .gact: w.attribute(TCA_ACT.kind, bytes: Self.gactWire)
        case .police: w.attribute(TCA_ACT.kind, bytes: Self.policeWire)
        case .other(let name): w.attribute(TCA_ACT.kind, string: name)
        }
    }
}

extension TCActionKind: Codable, CustomStringConvertible {
    public var description: String { name }
    public init(from decoder: Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(name)
    }
}
