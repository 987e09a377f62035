/// The `tc_gen` fields every action's parameter struct starts with: index, capab, the verdict
/// (`action`), refcnt and bindcnt. Requests leave all but the verdict at zero; dumps fill them in.
public struct TCActionCommon: Hashable, Sendable {
    /// The action's index in its kind's table (0 in requests: the kernel picks one).
    public var index: UInt32
    /// Capabilities (unused by the kernel, kept for round trips).
    public var capab: UInt32
    /// What happens to the packet after this action (`action` in the struct).
    public var verdict: TCVerdict
    /// Reference count (dumps).
    public var refcnt: Int32
    /// Number of filters bound to the action (dumps).
    public var bindcnt: Int32

    /// The fields as a request sets them: a verdict, the rest usually zero.
    public init(verdict: TCVerdict, index: UInt32 = 0, capab: UInt32 = 0, refcnt: Int32 = 0, bindcnt: Int32 = 0) {
        self.index = index
        self.capab = capab
        self.verdict = verdict
        self.refcnt = refcnt
        self.bindcnt = bindcnt
    }

    /// Reads the 20 bytes at `s`; the caller checked the length.
    init(_ p: BorrowedBytes, at s: Int) {
        index = p.readLE(UInt32.self, at: s)
        capab = p.readLE(UInt32.self, at: s + 4)
        verdict = TCVerdict(rawValue: Int32(bitPattern: p.readLE(UInt32.self, at: s + 8)))
        refcnt = Int32(bitPattern: p.readLE(UInt32.self, at: s + 12))
        bindcnt = Int32(bitPattern: p.readLE(UInt32.self, at: s + 16))
    }

    /// Appends the 20 bytes.
    @inlinable func encode(into w: inout NetlinkWriter) {
        w.append(index)
        w.append(capab)
        w.append(verdict.rawValue)
        w.append(refcnt)
        w.append(bindcnt)
    }
}

extension TCActionCommon {
    // JSON: these fields sit flat in the parameter object of each action, with iproute2's words
    // ("index", "ref", "bind"); zeros are left out except the verdict.
    func encodeFields(to c: inout KeyedEncodingContainer<JSONKey>) throws {
        try c.encode(verdict, for: "verdict")
        if index != 0 { try c.encode(index, for: "index") }
        if capab != 0 { try c.encode(capab, for: "capab") }
        if refcnt != 0 { try c.encode(refcnt, for: "ref") }
        if bindcnt != 0 { try c.encode(bindcnt, for: "bind") }
    }

    init(fields c: KeyedDecodingContainer<JSONKey>) throws {
        self.init(
            verdict: try c.decode(TCVerdict.self, forKey: JSONKey("verdict")),
            index: try c.decodeIfPresent(UInt32.self, forKey: JSONKey("index")) ?? 0,
            capab: try c.decodeIfPresent(UInt32.self, forKey: JSONKey("capab")) ?? 0,
            refcnt: try c.decodeIfPresent(Int32.self, forKey: JSONKey("ref")) ?? 0,
            bindcnt: try c.decodeIfPresent(Int32.self, forKey: JSONKey("bind")) ?? 0)
    }
}

extension BorrowedAttribute {
    /// For an attribute carrying a fixed kernel struct: true when the payload is exactly `length`
    /// bytes, false when it is longer (a newer kernel's bigger struct: the caller keeps it raw so it
    /// survives unchanged), and an error naming `name` when it is cut short.
    func tcActionStruct(_ length: Int, _ name: String) throws(NetlinkDecodingError) -> Bool {
        guard payload.count >= length else {
            throw NetlinkDecodingError(offset: headerOffset, "truncated \(name): \(payload.count) bytes, need \(length)")
        }
        return payload.count == length
    }
}
