import NIOCore
#if canImport(Glibc)
import Glibc
#endif

extension Channel {
    /// The credentials of the process at the other end of this Unix socket (SO_PEERCRED); fails
    /// when the channel is not a Unix socket or the option cannot be read.
    func peerCredentials() -> EventLoopFuture<PeerCredentials> {
        guard let provider = self as? any SocketOptionProvider else { return eventLoop.makeFailedFuture(ChannelError.operationUnsupported) }
        let kernel: EventLoopFuture<KernelPeerCredentials> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        return kernel.map { PeerCredentials(pid: ProcessID(rawValue: $0.pid), uid: UnixUserID($0.uid), gid: UnixGroupID($0.gid)) }
    }
}

/// `struct ucred` of <bits/socket.h> (pid_t, uid_t, gid_t), which Glibc's Swift module does not
/// export without _GNU_SOURCE; SO_PEERCRED fills exactly this layout (socket(7)).
struct KernelPeerCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
