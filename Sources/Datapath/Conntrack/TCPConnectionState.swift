/// The TCP states connection tracking follows, in the spirit of Linux's nf_conntrack_proto_tcp
/// (without sequence-window checks): enough to give each phase of a connection its timeout.
public enum TCPConnectionState: UInt8, Hashable, Sendable {
    case synSent
    case synReceived
    case established
    /// One side sent FIN.
    case finWait
    /// Both sides sent FIN; waiting for the last ACK.
    case lastAck
    /// Closed cleanly; kept a while for stray segments.
    case timeWait
    /// Reset.
    case close

    /// TCP header flag bits.
    public static let fin: UInt8 = 0x01
    public static let syn: UInt8 = 0x02
    public static let rst: UInt8 = 0x04
    public static let ack: UInt8 = 0x10

    /// The state of a connection first seen with a segment carrying `flags`: a SYN opens it;
    /// anything else is picked up mid-stream as established (Linux's default `tcp_loose`).
    public static func opening(flags: UInt8) -> TCPConnectionState {
        if flags & rst != 0 { return .close }
        return flags & (syn | ack) == syn ? .synSent : .established
    }

    /// The state after a segment with `flags` from the originator (`fromOriginator`) or the
    /// responder; `finFromOriginator`/`finFromResponder` remember which sides sent FIN.
    public func next(flags: UInt8, fromOriginator: Bool, finFromOriginator: inout Bool, finFromResponder: inout Bool) -> TCPConnectionState {
        if flags & Self.rst != 0 { return .close }
        if flags & Self.fin != 0 {
            if fromOriginator { finFromOriginator = true } else { finFromResponder = true }
            return finFromOriginator && finFromResponder ? .lastAck : .finWait
        }
        switch self {
        case .synSent:
            return !fromOriginator && flags & (Self.syn | Self.ack) == Self.syn | Self.ack ? .synReceived : .synSent
        case .synReceived:
            return fromOriginator && flags & Self.ack != 0 && flags & Self.syn == 0 ? .established : .synReceived
        case .lastAck:
            return flags & Self.ack != 0 ? .timeWait : .lastAck
        case .established, .finWait, .timeWait, .close:
            return self
        }
    }
}
