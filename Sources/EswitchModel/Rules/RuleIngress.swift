/// Where on this node's eswitch a rule looks at frames.
public enum RuleIngress: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Frames a local VM sends through its port (the VF representor's ingress in switchdev mode).
    case port(PortID)
    /// Frames arriving from the underlay, after VXLAN decapsulation (the tunnel device's ingress).
    case uplink

    public var description: String {
        switch self {
        case .port(let id): return "port \(id)"
        case .uplink: return "uplink"
        }
    }

    @inlinable
    public static func == (a: RuleIngress, b: RuleIngress) -> Bool {
        switch a {
        case .uplink: if case .uplink = b { return true } else { return false }
        case .port(let x): if case .port(let y) = b { return x.rawValue == y.rawValue } else { return false }
        }
    }

    public static func < (a: RuleIngress, b: RuleIngress) -> Bool {
        switch (a, b) {
        case (.port(let x), .port(let y)): return x < y
        case (.port, .uplink): return true
        default: return false
        }
    }
}

/// Where a rule sends a frame.
public enum RuleOutput: Hashable, Sendable, CustomStringConvertible {
    /// To a local VM port (its VF, or its vDPA device).
    case port(PortID)
    /// To the underlay through the uplink, after encapsulation (the tunnel device's egress).
    case tunnel
    /// Out of the cloud through the uplink without encapsulation (floating IPs, SNAT): the agent
    /// resolves the next hop's MAC on the underlay.
    case external
    /// To the software slow path (the representor), where the logical pipeline runs in software.
    case slowPath

    public var description: String {
        switch self {
        case .port(let id): return "port \(id)"
        case .tunnel: return "tunnel"
        case .external: return "external"
        case .slowPath: return "slow path"
        }
    }
}
