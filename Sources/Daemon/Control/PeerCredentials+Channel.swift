import NIOCore
#if canImport(Glibc)
import Glibc
#endif

extension Channel {
    /// The credentials of the process at the other end of this Unix socket (SO_PEERCRED).
    /// - Throws: When the channel is not a Unix socket or the option cannot be read.
    func peerCredentials() async throws -> PeerCredentials {
        guard let provider = self as? any SocketOptionProvider else { throw ChannelError.operationUnsupported }
        let credentials: KernelPeerCredentials = try await provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED)).get()
        return PeerCredentials(pid: ProcessID(rawValue: credentials.pid), uid: UnixUserID(credentials.uid), gid: UnixGroupID(credentials.gid))
    }
}

/// `struct ucred` of <bits/socket.h> (pid_t, uid_t, gid_t), which Glibc's Swift module does not
/// export without _GNU_SOURCE; SO_PEERCRED fills exactly this layout (socket(7)).
struct KernelPeerCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
