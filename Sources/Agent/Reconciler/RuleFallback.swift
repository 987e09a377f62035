import EswitchModel

/// A rule the compiler placed in hardware that the NIC refused, now run in software: the rule and
/// the NIC's reason (its extack text, else the errno). Kept in the snapshot, so a restarted agent
/// does not ask the NIC again for what it refused (and so changes nothing on restart).
public struct RuleFallback: Hashable, Sendable, Codable {
    /// The rule id as `rules` and `explain` print it.
    public var rule: String
    /// The NIC's words, e.g. `mlx5_core: Unsupported key used: 0x...` or `ENOSPC (28)`.
    public var reason: String
    /// The errno's C name (`EOPNOTSUPP`), when there is one.
    public var errno: String?

    /// A refusal of `rule` (its id text) with the NIC's `reason` and the errno's C name.
    public init(rule: String, reason: String, errno: String?) {
        self.rule = rule
        self.reason = reason
        self.errno = errno
    }
}
