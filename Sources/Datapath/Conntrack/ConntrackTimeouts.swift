/// How long an idle connection is kept, per protocol and TCP state, in seconds. The defaults are
/// Linux's (nf_conntrack_proto_tcp.c `tcp_timeouts`, nf_conntrack_proto_udp.c, _icmp.c,
/// _generic.c in Linux 6.1).
public struct ConntrackTimeouts: Hashable, Sendable {
    public var tcpSynSent: Double = 120
    public var tcpSynReceived: Double = 60
    public var tcpEstablished: Double = 5 * 24 * 3600
    public var tcpFinWait: Double = 120
    public var tcpLastAck: Double = 30
    public var tcpTimeWait: Double = 120
    public var tcpClose: Double = 10
    /// UDP before a reply was seen.
    public var udpUnreplied: Double = 30
    /// UDP once both directions were seen.
    public var udpReplied: Double = 120
    public var icmp: Double = 30
    /// Any other protocol.
    public var other: Double = 600

    public init() {}

    /// The timeout of a TCP connection in `state`.
    public func tcp(_ state: TCPConnectionState) -> Double {
        switch state {
        case .synSent: return tcpSynSent
        case .synReceived: return tcpSynReceived
        case .established: return tcpEstablished
        case .finWait: return tcpFinWait
        case .lastAck: return tcpLastAck
        case .timeWait: return tcpTimeWait
        case .close: return tcpClose
        }
    }
}
