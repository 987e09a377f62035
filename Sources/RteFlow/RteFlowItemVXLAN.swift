import EswitchModel

/// The VXLAN item (`struct rte_flow_item_vxlan`): the 24-bit VNI, matched exactly when given.
public struct RteFlowItemVXLAN: Hashable, Sendable {
    public var vni: VNI?

    public init(vni: VNI? = nil) { self.vni = vni }
}
