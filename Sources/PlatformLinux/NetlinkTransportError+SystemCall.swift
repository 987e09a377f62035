import Platform

extension NetlinkTransportError {
    /// Maps a failed socket call, keeping ENOBUFS as its own case and a receive timeout
    /// (SO_RCVTIMEO: EAGAIN) as ``NetlinkTransportError/timedOut``.
    init(_ error: SystemCallError) {
        switch error.errno {
        case .noBufferSpace: self = .noBufferSpace
        case .resourceTemporarilyUnavailable: self = .timedOut
        default: self = .systemCall(error)
        }
    }
}
