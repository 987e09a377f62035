/// One rte_flow rule as rte_flow_create takes it: the port it is created on, its attributes, its
/// pattern and its actions (the END item and END action are implicit).
public struct RteFlowRule: Hashable, Sendable {
    /// The ethdev the rule is created on; for `transfer` rules the switch domain's transfer proxy
    /// (rte_flow_pick_transfer_proxy), usually the uplink's port.
    public var port: RteFlowPortID
    public var attributes: RteFlowAttributes
    public var pattern: [RteFlowItem]
    public var actions: [RteFlowAction]

    public init(port: RteFlowPortID, attributes: RteFlowAttributes, pattern: [RteFlowItem], actions: [RteFlowAction]) {
        self.port = port
        self.attributes = attributes
        self.pattern = pattern
        self.actions = actions
    }
}
