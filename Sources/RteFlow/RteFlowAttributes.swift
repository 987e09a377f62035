/// The attributes of an rte_flow rule (`struct rte_flow_attr`): which group and priority it sits
/// in and which direction(s) it applies to. `transfer` rules live in the embedded switch.
public struct RteFlowAttributes: Hashable, Sendable, Codable {
    public var group: UInt32
    public var priority: UInt32
    public var ingress: Bool
    public var egress: Bool
    public var transfer: Bool

    public init(group: UInt32 = 0, priority: UInt32 = 0, ingress: Bool = false, egress: Bool = false, transfer: Bool = false) {
        self.group = group
        self.priority = priority
        self.ingress = ingress
        self.egress = egress
        self.transfer = transfer
    }

    /// The testpmd `flow create` prefix for these attributes (`group 0 priority 1 transfer`).
    public var testpmdText: String {
        var parts = ["group \(group)", "priority \(priority)"]
        if ingress { parts.append("ingress") }
        if egress { parts.append("egress") }
        if transfer { parts.append("transfer") }
        return parts.joined(separator: " ")
    }
}
