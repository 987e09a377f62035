/// `ndm_state`: NUD_* bits. `bridge fdb add ... permanent` sends permanent|noarp, `static` sends noarp.
public struct NeighbourState: OptionSet, Hashable, Sendable, Codable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let incomplete = NeighbourState(rawValue: NUD.incomplete)
    public static let reachable = NeighbourState(rawValue: NUD.reachable)
    public static let stale = NeighbourState(rawValue: NUD.stale)
    public static let delay = NeighbourState(rawValue: NUD.delay)
    public static let probe = NeighbourState(rawValue: NUD.probe)
    public static let failed = NeighbourState(rawValue: NUD.failed)
    public static let noarp = NeighbourState(rawValue: NUD.noarp)
    public static let permanent = NeighbourState(rawValue: NUD.permanent)

    static let names: [(String, UInt16)] = [
        ("incomplete", NUD.incomplete), ("reachable", NUD.reachable), ("stale", NUD.stale), ("delay", NUD.delay),
        ("probe", NUD.probe), ("failed", NUD.failed), ("noarp", NUD.noarp), ("permanent", NUD.permanent),
    ]

    public init(from decoder: Decoder) throws {
        rawValue = UInt16(try BitNames.decode(decoder, names: Self.names.map { ($0.0, UInt64($0.1)) }, width: 16))
    }
    public func encode(to encoder: Encoder) throws {
        try BitNames.encode(UInt64(rawValue), names: Self.names.map { ($0.0, UInt64($0.1)) }, to: encoder)
    }
}

/// `ndm_flags`: NTF_* bits (`self` = the device's own FDB, `master` = the bridge's).
public struct NeighbourFlags: OptionSet, Hashable, Sendable, Codable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let use = NeighbourFlags(rawValue: NTF.use)
    public static let `self` = NeighbourFlags(rawValue: NTF.`self`)
    public static let master = NeighbourFlags(rawValue: NTF.master)
    public static let proxy = NeighbourFlags(rawValue: NTF.proxy)
    public static let externallyLearned = NeighbourFlags(rawValue: NTF.extLearned)
    public static let offloaded = NeighbourFlags(rawValue: NTF.offloaded)
    public static let sticky = NeighbourFlags(rawValue: NTF.sticky)
    public static let router = NeighbourFlags(rawValue: NTF.router)

    static let names: [(String, UInt64)] = [
        ("use", UInt64(NTF.use)), ("self", UInt64(NTF.`self`)), ("master", UInt64(NTF.master)), ("proxy", UInt64(NTF.proxy)),
        ("extern_learn", UInt64(NTF.extLearned)), ("offloaded", UInt64(NTF.offloaded)), ("sticky", UInt64(NTF.sticky)),
        ("router", UInt64(NTF.router)),
    ]

    public init(from decoder: Decoder) throws {
        rawValue = UInt8(try BitNames.decode(decoder, names: Self.names, width: 8))
    }
    public func encode(to encoder: Encoder) throws { try BitNames.encode(UInt64(rawValue), names: Self.names, to: encoder) }
}
