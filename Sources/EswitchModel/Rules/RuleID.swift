/// The stable identity of a rule: its kind, where it applies, and what it is about (a destination
/// MAC, a security-group rule...). The same intent always yields the same ids, so recompiles can be
/// diffed and a restarted daemon can recognise its rules by the cookie derived from the id.
public struct RuleID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var kind: RuleKind
    public var ingress: RuleIngress
    /// What the rule is about, e.g. `52:54:00:10:00:02` or `sg web/2#0`.
    public var subject: String

    public init(kind: RuleKind, ingress: RuleIngress, subject: String) {
        self.kind = kind
        self.ingress = ingress
        self.subject = subject
    }

    /// `l2-local@port web-1-eth0:52:54:00:10:00:02`.
    public var description: String { "\(kind.rawValue)@\(ingress):\(subject)" }

    public static func < (a: RuleID, b: RuleID) -> Bool {
        (a.ingress, a.kind, a.subject) < (b.ingress, b.kind, b.subject)
    }

    /// A 64-bit FNV-1a hash of the description: the ownership cookie the backends attach to the
    /// rule (TC action cookie, rte_flow group/metadata), identical on every recompile and restart.
    public var cookie: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in description.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
