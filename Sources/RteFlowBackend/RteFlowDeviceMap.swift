import EswitchModel
import RteFlow

/// The DPDK side of this node's eswitch, as the caller (the agent, which probed the ports) knows
/// it: which ethdev port represents what, and the ids of objects created outside rte_flow.
public struct RteFlowDeviceMap: Hashable, Sendable {
    /// The port rules are created on: the switch domain's transfer proxy
    /// (rte_flow_pick_transfer_proxy), usually the uplink's port.
    public var proxyPort: RteFlowPortID
    /// The ethdev of the uplink (the PF, or the uplink representor): the wire side.
    public var uplinkPort: RteFlowPortID
    /// Each local VM port's representor ethdev (VF or vDPA-backed VF). Ports without one
    /// (software binding) have no hardware rules: their rules are placed in software.
    public var representors: [PortID: RteFlowPortID]
    /// The meter id each policed port's admission rule uses. The meters themselves (profile,
    /// policy, meter) are rte_mtr objects created before the rules: ``RteFlowPlan/meters`` lists
    /// what they must be, and its testpmd script creates them.
    public var meters: [PortID: RteFlowMeterID]
    /// The meter policy every meter uses (green passes, red is dropped).
    public var meterPolicy: RteFlowMeterPolicyID
    public var underlay: RteFlowUnderlay

    public init(uplinkPort: RteFlowPortID, proxyPort: RteFlowPortID? = nil, representors: [PortID: RteFlowPortID],
                meters: [PortID: RteFlowMeterID] = [:], meterPolicy: RteFlowMeterPolicyID = RteFlowMeterPolicyID(1),
                underlay: RteFlowUnderlay) {
        self.uplinkPort = uplinkPort
        self.proxyPort = proxyPort ?? uplinkPort
        self.representors = representors
        self.meters = meters
        self.meterPolicy = meterPolicy
        self.underlay = underlay
    }
}
