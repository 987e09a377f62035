/// One tc action inside a filter's action list (TCA_FLOWER_ACT / TCA_ACT_TAB): the nest whose
/// type is the action's order (1, 2, ...), holding TCA_ACT_KIND, TCA_ACT_OPTIONS, the cookie,
/// and on dumps the index and statistics. Attributes stay in wire order, unknown ones verbatim.
public struct TCAction: Hashable, Sendable {
    /// The nest's attribute type: the action's position, starting at 1 (iproute2 numbers them so).
    public var order: UInt16
    /// The nest's attributes in wire order.
    public var attributes: [TCActionAttribute]
    /// Whether the order nest itself carries NLA_F_NESTED (neither iproute2 nor the kernel set it).
    public var nestedFlag: Bool

    /// An action from its attributes, in the order they go on the wire.
    public init(order: UInt16, attributes: [TCActionAttribute], nestedFlag: Bool = false) {
        self.order = order
        self.attributes = attributes
        self.nestedFlag = nestedFlag
    }

    /// An action as iproute2 sends it: TCA_ACT_KIND (from the options unless `kind` is given),
    /// TCA_ACT_OPTIONS with NLA_F_NESTED, then the cookie, hw_stats and flags when given.
    public init(order: UInt16, _ options: TCActionOptions, kind: TCActionKind? = nil, cookie: [UInt8]? = nil,
                hardwareStats: TCBitfield32? = nil, flags: TCBitfield32? = nil) {
        var list: [TCActionAttribute] = []
        list.reserveCapacity(5)
        if let k = kind ?? options.kind { list.append(.kind(k)) }
        list.append(.options(options, nestedFlag: true))
        if let cookie { list.append(.cookie(cookie)) }
        if let hardwareStats { list.append(.hardwareStats(hardwareStats)) }
        if let flags { list.append(.flags(flags)) }
        self.init(order: order, attributes: list)
    }

    /// Numbers `actions` 1, 2, 3... in list order, as iproute2 does for `action A action B`.
    public static func list(_ actions: [TCAction]) -> [TCAction] {
        actions.enumerated().map { i, a in
            var a = a
            a.order = UInt16(truncatingIfNeeded: i + 1)
            return a
        }
    }

    /// Decodes one action nest (the attribute's type is the order).
    public init(decoding a: NetlinkAttribute) throws(NetlinkDecodingError) {
        self = try a.withBorrowed { (b) throws(NetlinkDecodingError) in try TCAction(decoding: b) }
    }

    init(decoding a: BorrowedAttribute) throws(NetlinkDecodingError) {
        guard a.rawType & NLA.fNetByteOrder == 0 else {
            throw NetlinkDecodingError(offset: a.headerOffset, "action nest \(a.type) has NLA_F_NET_BYTEORDER set")
        }
        order = a.type
        nestedFlag = a.rawType & NLA.fNested != 0
        // The options can only be read once the kind is known; senders put the kind first, but
        // nothing requires it, so look for it before decoding.
        var kind: TCActionKind?
        var kindOffset = -1
        var scan = a.nested()
        while let child = try scan.next() {
            if child.rawType == TCA_ACT.kind, let k = TCActionKind(wire: child.payload) {
                kind = k
                kindOffset = child.headerOffset
                break
            }
        }
        attributes = try a.payload.decodeAttributes { (child) throws(NetlinkDecodingError) in
            // The kind attribute was read by the scan already; TCActionAttribute would read it the same way.
            if child.headerOffset == kindOffset, let kind { return .kind(kind) }
            return try TCActionAttribute(decoding: child, kind: kind)
        }
    }

    /// Writes the action nest.
    public func encode(into w: inout NetlinkWriter) {
        let start = w.beginNested(order, flagged: nestedFlag)
        for a in attributes { a.encode(into: &w) }
        w.endNested(start)
    }
}

extension TCAction {
    /// TCA_ACT_KIND, if present.
    public var kind: TCActionKind? {
        for case .kind(let k) in attributes { return k }
        return nil
    }
    /// TCA_ACT_OPTIONS, if present.
    public var options: TCActionOptions? {
        for case .options(let o, _) in attributes { return o }
        return nil
    }
    /// TCA_ACT_COOKIE, if present.
    public var cookie: [UInt8]? {
        for case .cookie(let c) in attributes { return c }
        return nil
    }
    /// TCA_ACT_INDEX, if present.
    public var index: UInt32? {
        for case .index(let i) in attributes { return i }
        return nil
    }
    /// TCA_ACT_STATS, if present.
    public var statistics: [TCStatsAttribute]? {
        for case .statistics(let s) in attributes { return s }
        return nil
    }
}

extension TCAction: Codable {
    // {"order":1,"attrs":[{"kind":"mirred"},{"options":{"mirred":[...]}},{"cookie":"0a0b"}]};
    // "nested_flag": true only when the order nest carries NLA_F_NESTED.
    enum CodingKeys: String, CodingKey { case order, attributes = "attrs", nestedFlag = "nested_flag" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        order = try c.decode(UInt16.self, forKey: .order)
        attributes = try c.decodeIfPresent([TCActionAttribute].self, forKey: .attributes) ?? []
        nestedFlag = try c.decodeIfPresent(Bool.self, forKey: .nestedFlag) ?? false
        guard order & ~NLA.typeMask == 0 else {
            throw DecodingError.dataCorruptedError(forKey: .order, in: c, debugDescription: "order \(order) does not fit the 14-bit attribute type")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(order, forKey: .order)
        try c.encode(attributes, forKey: .attributes)
        if nestedFlag { try c.encode(true, forKey: .nestedFlag) }
    }
}
