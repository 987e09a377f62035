/// One TCA_* attribute of a filter message.
public enum FilterAttribute: Hashable, Sendable {
    /// TCA_KIND: the classifier (`flower`, `u32`, `matchall`...), sent NUL-terminated.
    case kind(String)
    /// TCA_CHAIN: the chain the filter belongs to (absent means chain 0).
    case chain(UInt32)
    /// TCA_OPTIONS of a flower filter (sent without NLA_F_NESTED, as iproute2 and the kernel do).
    case flower(FlowerOptions)
    /// Anything else, kept verbatim: the options of other classifiers, TCA_OPTIONS with flag bits,
    /// TCA_DUMP_FLAGS...
    case unknown(RawAttribute)
}

extension FilterAttribute {
    /// Decodes one attribute. TCA_OPTIONS is read as flower options only after a `flower` TCA_KIND.
    public init(decoding a: NetlinkAttribute, kindIsFlower: Bool) throws(NetlinkDecodingError) {
        self = try a.withBorrowed { (b) throws(NetlinkDecodingError) in try FilterAttribute(decoding: b, kindIsFlower: kindIsFlower) }
    }

    init(decoding a: BorrowedAttribute, kindIsFlower: Bool, memo: UnsafeMutablePointer<TCActionListMemo>? = nil) throws(NetlinkDecodingError) {
        switch a.rawType {
        case TCA.kind:
            // Nearly every filter eswitch reads is flower: compare bytes instead of validating UTF-8.
            if a.payload.equals("flower\0") { self = .kind("flower"); return }
            if let text = a.terminatedString() { self = .kind(text) } else { self = .unknown(RawAttribute(a)) }
        case TCA.chain where a.payload.count == 4:
            self = .chain(try a.u32())
        case TCA.options where kindIsFlower:
            self = .flower(try FlowerOptions(decoding: a.payload, memo: memo))
        default:
            self = .unknown(RawAttribute(a))
        }
    }

    /// Appends the attribute.
    @inline(__always) public func encode(into w: inout NetlinkWriter) {  // see FlowerAttribute.encode
        switch self {
        case .kind(let k): w.attribute(TCA.kind, string: k)
        case .chain(let c): w.attribute(TCA.chain, u32: c)
        case .flower(let options):
            let start = w.beginNested(TCA.options)
            options.encode(into: &w)
            w.endNested(start)
        case .unknown(let raw): raw.encode(into: &w)
        }
    }
}

extension FilterAttribute: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JSONKey.self)
        let key = try c.singleKey()
        switch key.stringValue {
        case "kind": self = .kind(try c.decode(String.self, forKey: key))
        case "chain": self = .chain(try c.decode(UInt32.self, forKey: key))
        case "options": self = .flower(try c.decode(FlowerOptions.self, forKey: key))
        case "unknown": self = .unknown(try c.decode(RawAttribute.self, forKey: key))
        default: throw c.unknownKey(key, in: "filter")
        }
    }

    /// JSON: `{"kind":"flower"}`, `{"chain":1}`, `{"options":[...flower attributes...]}`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        switch self {
        case .kind(let k): try c.encode(k, for: "kind")
        case .chain(let n): try c.encode(n, for: "chain")
        case .flower(let o): try c.encode(o, for: "options")
        case .unknown(let raw): try c.encode(raw, for: "unknown")
        }
    }
}
