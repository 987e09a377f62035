/// What happens to a packet after an action (TC_ACT_*): pass, drop, pipe to the next action,
/// goto another chain... Any 32-bit value is kept, so unknown verdicts survive decode -> encode.
public struct TCVerdict: RawRepresentable, Hashable, Sendable {
    public var rawValue: Int32
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }

    /// TC_ACT_UNSPEC: iproute2's "continue".
    public static let `continue` = TCVerdict(rawValue: TC_ACT.unspec)
    /// TC_ACT_OK: iproute2's "pass" (also "ok").
    public static let pass = TCVerdict(rawValue: TC_ACT.ok)
    /// TC_ACT_RECLASSIFY.
    public static let reclassify = TCVerdict(rawValue: TC_ACT.reclassify)
    /// TC_ACT_SHOT: iproute2's "drop" (also "shot").
    public static let drop = TCVerdict(rawValue: TC_ACT.shot)
    /// TC_ACT_PIPE: go on with the next action.
    public static let pipe = TCVerdict(rawValue: TC_ACT.pipe)
    /// TC_ACT_STOLEN: the action consumed the packet (mirred redirect).
    public static let stolen = TCVerdict(rawValue: TC_ACT.stolen)
    /// TC_ACT_QUEUED.
    public static let queued = TCVerdict(rawValue: TC_ACT.queued)
    /// TC_ACT_REPEAT.
    public static let `repeat` = TCVerdict(rawValue: TC_ACT.repeat)
    /// TC_ACT_REDIRECT (bpf redirect).
    public static let redirect = TCVerdict(rawValue: TC_ACT.redirect)
    /// TC_ACT_TRAP: hand to the CPU (hardware path) or drop (software path).
    public static let trap = TCVerdict(rawValue: TC_ACT.trap)

    /// TC_ACT_GOTO_CHAIN | chain: continue classification in another chain.
    @inlinable public static func gotoChain(_ chain: UInt32) -> TCVerdict {
        TCVerdict(rawValue: TC_ACT.gotoChain | Int32(bitPattern: chain & UInt32(TC_ACT.extValueMask)))
    }

    /// TC_ACT_JUMP | count: skip `count` actions of the list.
    @inlinable public static func jump(_ count: UInt32) -> TCVerdict {
        TCVerdict(rawValue: TC_ACT.jump | Int32(bitPattern: count & UInt32(TC_ACT.extValueMask)))
    }

    /// The chain of a goto-chain verdict, nil for every other verdict.
    public var chain: UInt32? {
        rawValue & ~TC_ACT.extValueMask == TC_ACT.gotoChain ? UInt32(rawValue & TC_ACT.extValueMask) : nil
    }

    /// The count of a jump verdict, nil for every other verdict.
    public var jumpCount: UInt32? {
        rawValue & ~TC_ACT.extValueMask == TC_ACT.jump ? UInt32(rawValue & TC_ACT.extValueMask) : nil
    }
}

extension TCVerdict: CustomStringConvertible, Codable {
    static let words: [(String, Int32)] = [
        ("continue", TC_ACT.unspec), ("pass", TC_ACT.ok), ("reclassify", TC_ACT.reclassify), ("drop", TC_ACT.shot),
        ("pipe", TC_ACT.pipe), ("stolen", TC_ACT.stolen), ("queued", TC_ACT.queued), ("repeat", TC_ACT.repeat),
        ("redirect", TC_ACT.redirect), ("trap", TC_ACT.trap),
    ]
    /// Other spellings iproute2 accepts on its command line.
    static let aliases: [(String, Int32)] = [("ok", TC_ACT.ok), ("shot", TC_ACT.shot), ("unspec", TC_ACT.unspec)]

    /// iproute2's word ("pass", "drop", "goto chain 1", "jump 2"), or the number for unknown values.
    public var description: String {
        if let chain { return "goto chain \(chain)" }
        if let jumpCount { return "jump \(jumpCount)" }
        for (word, value) in Self.words where value == rawValue { return word }
        return String(rawValue)
    }

    /// Parses iproute2's words ("drop", "shot", "goto chain 3", "jump 1") or a decimal number.
    public init?(_ text: String) {
        if let value = (Self.words + Self.aliases).first(where: { $0.0 == text })?.1 {
            self.init(rawValue: value)
            return
        }
        let parts = text.split(separator: " ")
        if parts.count == 3, parts[0] == "goto", parts[1] == "chain", let chain = UInt32(parts[2]), chain <= UInt32(TC_ACT.extValueMask) {
            self = .gotoChain(chain)
        } else if parts.count == 2, parts[0] == "jump", let count = UInt32(parts[1]), count <= UInt32(TC_ACT.extValueMask) {
            self = .jump(count)
        } else if let value = Int32(text) {
            self.init(rawValue: value)
        } else {
            return nil
        }
    }

    // JSON: a word when there is one ("drop", "goto chain 1"), otherwise the number.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let number = try? c.decode(Int32.self) {
            self.init(rawValue: number)
            return
        }
        let text = try c.decode(String.self)
        guard let verdict = TCVerdict(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown verdict '\(text)'; known: \((Self.words + Self.aliases).map(\.0).joined(separator: ", ")), goto chain N, jump N, or a number")
        }
        self = verdict
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if chain != nil || jumpCount != nil || Self.words.contains(where: { $0.1 == rawValue }) {
            try c.encode(description)
        } else {
            try c.encode(rawValue)
        }
    }
}
