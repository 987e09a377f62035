/// The stable identity of a rule: its kind, where it applies, and what it is about (a destination
/// MAC, a security-group rule...). The same intent always yields the same ids, so recompiles can be
/// diffed and a restarted daemon can recognise its rules by the cookie derived from the id.
public struct RuleID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var kind: RuleKind
    public var ingress: RuleIngress
    /// What the rule is about, in typed form (its text is `subject`).
    public var topic: RuleTopic

    public init(kind: RuleKind, ingress: RuleIngress, topic: RuleTopic) {
        self.kind = kind
        self.ingress = ingress
        self.topic = topic
    }

    /// An id whose subject is given as text; equal to the id the compiler builds for that text.
    public init(kind: RuleKind, ingress: RuleIngress, subject: String) {
        self.init(kind: kind, ingress: ingress, topic: RuleTopic(text: subject))
    }

    /// What the rule is about, e.g. `52:54:00:10:00:02` or `web/2#0` (rendered from `topic`).
    public var subject: String {
        get { topic.description }
        set { topic = RuleTopic(text: newValue) }
    }

    /// `l2-local@port web-1-eth0:52:54:00:10:00:02`.
    public var description: String { "\(kind.rawValue)@\(ingress):\(subject)" }

    /// Inlinable for the same reason as `RuleTopic.==`.
    @inlinable
    public static func == (a: RuleID, b: RuleID) -> Bool {
        a.kind == b.kind && a.ingress == b.ingress && a.topic == b.topic
    }

    public static func < (a: RuleID, b: RuleID) -> Bool {
        if a.ingress != b.ingress { return a.ingress < b.ingress }
        if a.kind != b.kind { return a.kind < b.kind }
        return a.topic < b.topic
    }

    /// A 64-bit FNV-1a hash of the description: the ownership cookie the backends attach to the
    /// rule (TC action cookie, rte_flow group/metadata), identical on every recompile and restart.
    /// Computed over the description's bytes without building it.
    public var cookie: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add<S: Sequence<UInt8>>(_ bytes: S) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        add(kind.rawValue.utf8)
        add("@".utf8)
        switch ingress {
        case .port(let id):
            add("port ".utf8)
            add(id.rawValue.utf8)
        case .uplink:
            add("uplink".utf8)
        }
        add(":".utf8)
        topic.withText { add($0) }
        return hash
    }
}
