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

    /// The NUL-terminated wire form of a known kind. Decode compares bytes against it (by length
    /// first) and encode copies it, so the hot paths make no String; a StaticString is a constant,
    /// where a `static let` array costs a lazy-initialisation check on every use.
    var wire: StaticString? {
        switch self {
        case .mirred: return "mirred\0"
        case .tunnelKey: return "tunnel_key\0"
        case .vlan: return "vlan\0"
        case .pedit: return "pedit\0"
        case .csum: return "csum\0"
        case .gact: return "gact\0"
        case .police: return "police\0"
        case .other: return nil
        }
    }

    /// Decodes a TCA_ACT_KIND payload: exactly the name and one NUL (what iproute2 and the kernel
    /// send). Nil for anything else (no NUL, extra bytes, invalid UTF-8): the caller keeps it raw.
    init?(wire p: BorrowedBytes) {
        switch p.count {
        case 5 where p.equals("vlan\0"): self = .vlan; return
        case 5 where p.equals("gact\0"): self = .gact; return
        case 5 where p.equals("csum\0"): self = .csum; return
        case 6 where p.equals("pedit\0"): self = .pedit; return
        case 7 where p.equals("mirred\0"): self = .mirred; return
        case 7 where p.equals("police\0"): self = .police; return
        case 11 where p.equals("tunnel_key\0"): self = .tunnelKey; return
        default: break
        }
        guard let name = p.terminatedString() else { return nil }
        // A known name always decodes to its typed case above; keep .other for the rest only.
        self = .other(name)
    }

    func encode(into w: inout NetlinkWriter) {
        if let wire {
            wire.withUTF8Buffer { w.attribute(TCA_ACT.kind, rawBytes: UnsafeRawBufferPointer($0)) }
        } else {
            w.attribute(TCA_ACT.kind, string: name)
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
