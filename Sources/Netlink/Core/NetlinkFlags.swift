/// The `nlmsg_flags` field (linux/netlink.h: NLM_F_*). The upper byte means different things for
/// GET (root/match/atomic) and NEW (replace/excl/create/append) requests, so both names exist.
public struct NetlinkFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let request = NetlinkFlags(rawValue: 0x01)
    public static let multi = NetlinkFlags(rawValue: 0x02)
    public static let ack = NetlinkFlags(rawValue: 0x04)
    public static let echo = NetlinkFlags(rawValue: 0x08)
    public static let dumpInterrupted = NetlinkFlags(rawValue: 0x10)
    public static let dumpFiltered = NetlinkFlags(rawValue: 0x20)
    // GET modifiers
    public static let root = NetlinkFlags(rawValue: 0x100)
    public static let match = NetlinkFlags(rawValue: 0x200)
    public static let atomic = NetlinkFlags(rawValue: 0x400)
    public static let dump: NetlinkFlags = [.root, .match]
    // NEW modifiers
    public static let replace = NetlinkFlags(rawValue: 0x100)
    public static let exclusive = NetlinkFlags(rawValue: 0x200)
    public static let create = NetlinkFlags(rawValue: 0x400)
    public static let append = NetlinkFlags(rawValue: 0x800)
    // ACK flags
    public static let capped = NetlinkFlags(rawValue: 0x100)
    public static let ackTLVs = NetlinkFlags(rawValue: 0x200)
}
