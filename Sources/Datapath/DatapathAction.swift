import EswitchModel

/// A `FlowAction` as the slow path executes it: ports resolved to handles, addresses to
/// integers, policers to their bucket; nothing in it is reference counted.
enum DatapathAction: Hashable, Sendable {
    case outputPort(PortHandle)
    case outputTunnel
    case outputExternal
    /// `output(slowPath)`: the frame is already in the slow path; carry on with the next rule.
    case continuePast
    case trap(TrapReason)
    case drop
    case gotoChain(UInt16)
    case setEthSource(UInt64)
    case setEthDestination(UInt64)
    case decrementTTL
    case decrementHopLimit
    case setIPv4Source(UInt32)
    case setIPv4Destination(UInt32)
    case encapsulate(DatapathTunnel)
    case decapsulate
    case pushVLAN(UInt16)
    case popVLAN
    case police(bucket: Int)
    case conntrack(zone: UInt16, commit: Bool, snat: IPv4Address?)
    /// An action the slow path cannot execute (IPv6 underlay, IPv6 NAT): the frame is dropped.
    case unsupported
}

/// A VXLAN encapsulation over IPv4.
struct DatapathTunnel: Hashable, Sendable {
    var vni: UInt32
    var source: IPv4Address
    var destination: IPv4Address
    var port: UInt16
    var ttl: UInt8?
}

/// How the rules move through the pipeline after a rule's actions.
enum PipelineStep {
    /// The frame was sent or dropped.
    case done
    /// Classify again in this chain.
    case goto(UInt16)
    /// Classify again in the same chain, below the rule that declined the frame.
    case continuePast
}
