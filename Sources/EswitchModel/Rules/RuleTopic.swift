/// What a rule is about, in typed form: the text of `RuleID.subject` without building it.
///
/// The compiler makes hundreds of thousands of ids; keeping their subjects as MACs, addresses and
/// ids instead of strings saves an allocation per rule and makes comparing and hashing them
/// cheap. The text is only rendered when asked for (`description`, the cookie).
///
/// Two topics are equal exactly when their texts are equal, and they sort in the order of their
/// texts (by UTF-8 bytes), so a topic built from its text (`init(text:)`) is the same as the
/// typed one: `RuleTopic(text: "52:54:00:10:00:01") == .mac(...)`. Same-kind topics compare
/// without rendering where the typed form allows it.
public struct RuleTopic: Sendable, Hashable, Comparable, CustomStringConvertible {
    @usableFromInline
    enum Storage: Sendable {
        case text(String)
        case mac(MACAddress)
        case address(IPAddress)
        case route(IPAddress, via: MACAddress)
        case decap(VNI, MACAddress)
        case securityGroupRule(SecurityGroupID, rule: UInt32, block: UInt32)
        case securityGroupRuleContent(SecurityGroupRuleIdentity, block: UInt32)
        case delivery(PortID, DeliveryTopic)
        case snatFrom(NetworkID, MACAddress)
        case snatReturn(NetworkID, IPAddress)
    }

    @usableFromInline let storage: Storage

    @usableFromInline init(_ storage: Storage) { self.storage = storage }

    /// A topic given as text (anything the typed forms below do not cover).
    public init(text: String) { storage = .text(text) }

    /// `*`: the rule is about everything on its ingress (a default drop, a trap).
    public static let all = RuleTopic(text: "*")

    /// A MAC (`52:54:00:10:00:02`): the port admitted, or the destination forwarded to.
    public static func mac(_ mac: MACAddress) -> RuleTopic { RuleTopic(.mac(mac)) }

    /// An address (`203.0.113.10`): a floating or SNAT external IP.
    public static func address(_ ip: IPAddress) -> RuleTopic { RuleTopic(.address(ip)) }

    /// A routed destination (`10.20.0.11 via fa:16:3e:00:00:01`): its address and the gateway MAC
    /// the frame was sent to.
    public static func route(to ip: IPAddress, via gateway: MACAddress) -> RuleTopic { RuleTopic(.route(ip, via: gateway)) }

    /// A VXLAN decapsulation (`1001 52:54:00:10:00:01`): VNI and inner destination MAC.
    public static func decap(vni: VNI, mac: MACAddress) -> RuleTopic { RuleTopic(.decap(vni, mac)) }

    /// One match block of a security-group rule named by its index (`web/2#0`): group, rule index,
    /// port-range block. The compiler names rules by content (the form below).
    public static func securityGroupRule(_ group: SecurityGroupID, rule: Int, block: Int) -> RuleTopic {
        RuleTopic(.securityGroupRule(group, rule: UInt32(rule), block: UInt32(block)))
    }

    /// One match block of a security-group rule named by its content
    /// (`web/ingress IPv4 tcp 22-22 10.0.0.0/8#0`): stable when other rules of the group change.
    public static func securityGroupRule(_ rule: SecurityGroupRuleIdentity, block: Int) -> RuleTopic {
        RuleTopic(.securityGroupRuleContent(rule, block: UInt32(block)))
    }

    /// A delivery-filter rule of a local port (`web-2-eth0 web/2#0`).
    public static func delivery(to port: PortID, _ topic: DeliveryTopic) -> RuleTopic { RuleTopic(.delivery(port, topic)) }

    /// SNAT on the gateway node for a network's traffic to one gateway MAC (`db from fa:16:3e:00:00:01`).
    public static func snat(network: NetworkID, from gateway: MACAddress) -> RuleTopic { RuleTopic(.snatFrom(network, gateway)) }

    /// SNAT return traffic of a network to its external address (`db return to 203.0.113.1`).
    public static func snatReturn(network: NetworkID, to ip: IPAddress) -> RuleTopic { RuleTopic(.snatReturn(network, ip)) }

    /// The topic's text, e.g. `52:54:00:10:00:02` or `web/2#0`.
    public var description: String { withText { String(decoding: $0, as: UTF8.self) } }

    /// The local port a delivery-filter topic is about (`delivery(to:_:)`); nil for other topics
    /// (and for topics given as text).
    public var deliveryPort: PortID? {
        if case .delivery(let port, _) = storage { return port }
        return nil
    }
}

/// The part of a delivery-filter rule's topic after the destination port.
public enum DeliveryTopic: Hashable, Sendable {
    /// `*`: the default drop.
    case all
    /// `track`: untracked frames go through conntrack first.
    case track
    /// `established`: frames of established connections.
    case established
    /// `arp`: ARP always reaches the port.
    case arp
    /// `web/2#0`: one match block of an ingress security-group rule, by index.
    case securityGroupRule(SecurityGroupID, rule: UInt32, block: UInt32)
    /// `web/ingress IPv4 tcp 22-22#0`: one match block of an ingress security-group rule, by content.
    case securityGroupRuleContent(SecurityGroupRuleIdentity, block: UInt32)

    /// The same with plain integers.
    public static func securityGroupRule(_ group: SecurityGroupID, rule: Int, block: Int) -> DeliveryTopic {
        .securityGroupRule(group, rule: UInt32(rule), block: UInt32(block))
    }

    /// The same by content.
    public static func securityGroupRule(_ rule: SecurityGroupRuleIdentity, block: Int) -> DeliveryTopic {
        .securityGroupRuleContent(rule, block: UInt32(block))
    }
}

extension RuleTopic {
    /// Inlinable, so that comparing rules held in arrays (incremental diffs) borrows them in
    /// place instead of copying (and retaining) every id.
    @inlinable
    public static func == (a: RuleTopic, b: RuleTopic) -> Bool {
        // One switch per side (a tuple of the two would copy both payloads).
        switch a.storage {
        case .mac(let x):
            if case .mac(let y) = b.storage { return x == y }
        case .route(let x, let g):
            if case .route(let y, let h) = b.storage { return g == h && x == y }
        case .delivery(let p, let t):
            if case .delivery(let q, let u) = b.storage { return t == u && p == q }
        case .address(let x):
            if case .address(let y) = b.storage { return x == y }
        case .decap(let v, let x):
            if case .decap(let w, let y) = b.storage { return v == w && x == y }
        case .securityGroupRule(let g, let r, let n):
            if case .securityGroupRule(let h, let s, let m) = b.storage { return r == s && n == m && g == h }
        case .securityGroupRuleContent(let x, let n):
            if case .securityGroupRuleContent(let y, let m) = b.storage { return n == m && x == y }
        case .snatFrom(let n, let g):
            if case .snatFrom(let m, let h) = b.storage { return g == h && n == m }
        case .snatReturn(let n, let x):
            if case .snatReturn(let m, let y) = b.storage { return x == y && n == m }
        case .text(let x):
            if case .text(let y) = b.storage { return x.utf8.elementsEqual(y.utf8) }
        }
        // Different forms may still spell the same text (a typed topic and its text).
        return a.withText { x in b.withText { y in x.elementsEqual(y) } }
    }

    /// Hashes the text, so that equal texts hash alike whatever their form.
    public func hash(into hasher: inout Hasher) {
        withText { hasher.combine(bytes: $0) }
    }

    public static func < (a: RuleTopic, b: RuleTopic) -> Bool {
        switch a.storage {
        case .mac(let x):
            // Fixed-width lower-case hex sorts like the number.
            if case .mac(let y) = b.storage { return x < y }
        case .route(let x, let g):
            // Same address: the fixed-width MACs after it decide.
            if case .route(let y, let h) = b.storage, x == y { return g < h }
        case .delivery(let p, let t):
            if case .delivery(let q, let u) = b.storage {
                // The texts start with the port ids: the first byte where the ids differ decides,
                // unless one id is a prefix of the other (then the separator counts: render).
                // Same port: the texts after it decide.
                if p == q { return t.withText { x in u.withText { y in x.lexicographicallyPrecedes(y) } } }
                if let decided = firstDifference(p.rawValue.utf8, q.rawValue.utf8) { return decided }
            }
        case .text(let x):
            if case .text(let y) = b.storage { return x.utf8.lexicographicallyPrecedes(y.utf8) }
        case .securityGroupRuleContent(let x, let n):
            if case .securityGroupRuleContent(let y, let m) = b.storage, let decided = RuleTopic.contentPrecedes(x, n, y, m) { return decided }
        default:
            break
        }
        return a.withText { x in b.withText { y in x.lexicographicallyPrecedes(y) } }
    }
}

extension RuleTopic {
    /// Whether `x#n` sorts before `y#m` as text, without rendering either; nil when only the
    /// rendered texts can tell (a text continuing with `#` where the other one ends).
    static func contentPrecedes(_ x: SecurityGroupRuleIdentity, _ n: UInt32, _ y: SecurityGroupRuleIdentity, _ m: UInt32) -> Bool? {
        if x === y || x.text == y.text { return String(n).utf8.lexicographicallyPrecedes(String(m).utf8) }
        if let decided = firstDifference(x.text.utf8, y.text.utf8) { return decided }
        // One text is a prefix of the other: the shorter one's `#` meets the longer one's next byte.
        let xShorter = x.text.utf8.count < y.text.utf8.count
        let long = xShorter ? y.text.utf8 : x.text.utf8
        let next = long[long.index(long.startIndex, offsetBy: (xShorter ? x : y).text.utf8.count)]
        if next == 0x23 { return nil }
        return xShorter == (0x23 < next)
    }

    /// Whether `a` sorts before `b` at their first differing byte; nil when one is a prefix of the other.
    static func firstDifference(_ a: String.UTF8View, _ b: String.UTF8View) -> Bool? {
        var i = a.makeIterator(), j = b.makeIterator()
        while true {
            guard let x = i.next(), let y = j.next() else { return nil }
            if x != y { return x < y }
        }
    }
}
