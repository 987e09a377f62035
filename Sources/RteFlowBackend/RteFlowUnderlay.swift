import EswitchModel

/// What the rte_flow backend needs to know about the underlay to write outer headers and to
/// recognise VXLAN for this node: the IR leaves Ethernet addresses of the underlay to the agent.
public struct RteFlowUnderlay: Hashable, Sendable {
    /// This node's VTEP: the outer destination decap rules match (the kernel's VXLAN device
    /// receives only on its local address; an rte_flow rule on the uplink must say so itself).
    public var localVTEP: IPAddress
    /// The uplink's MAC: the outer source of every encapsulation.
    public var uplinkMAC: MACAddress
    /// The underlay next hop's MAC per remote VTEP (resolved by the agent, e.g. from the
    /// kernel's neighbour table): the outer destination of encapsulations towards that VTEP.
    public var nextHops: [IPAddress: MACAddress]
    /// The outer TTL / hop limit when the IR gives none: 64, Linux's default (net.ipv4.ip_default_ttl,
    /// the value RFC 1700 recommends), which the kernel's VXLAN device also uses when its ttl is unset.
    public var encapsulationTTL: UInt8

    public init(localVTEP: IPAddress, uplinkMAC: MACAddress, nextHops: [IPAddress: MACAddress], encapsulationTTL: UInt8 = 64) {
        self.localVTEP = localVTEP
        self.uplinkMAC = uplinkMAC
        self.nextHops = nextHops
        self.encapsulationTTL = encapsulationTTL
    }
}
