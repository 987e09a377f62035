import EswitchModel
import Netlink

/// The ownership mark on every action of an installed filter: TCA_ACT_COOKIE holding the rule's
/// 64-bit cookie (``RuleID/cookie``) as 8 big-endian bytes. The kernel stores and dumps it back, so
/// a restarted daemon recognises its own filters and the rule each one was made from.
public enum TCOwnershipCookie {
    /// The cookie's bytes, most significant first.
    public static func bytes(_ cookie: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: cookie >> (56 - 8 * $0)) }
    }

    /// The cookie in 8 bytes, nil for any other length.
    public static func value(_ bytes: [UInt8]) -> UInt64? {
        guard bytes.count == 8 else { return nil }
        return bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The ownership cookie of a filter (from a dump or a plan): the 8-byte TCA_ACT_COOKIE every
    /// action carries. Nil when an action has none or the actions disagree: such a filter is not
    /// one eswitch installed.
    public static func cookie(of filter: FilterMessage) -> UInt64? {
        let actions = filter.actions
        guard !actions.isEmpty else { return nil }
        var found: UInt64?
        for action in actions {
            guard let bytes = action.cookie, let value = value(bytes) else { return nil }
            if let found, found != value { return nil }
            found = value
        }
        return found
    }
}
