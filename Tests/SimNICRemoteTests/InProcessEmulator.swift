import Foundation
import SimNICRemote

/// The extension channels of an emulator served in this process on a Unix socket (what `sim serve`
/// hands to ``SimRemoteServer``), for tests that need the server's knobs.
final class InProcessEmulator: @unchecked Sendable {
    let path: String
    private let listener: Int32

    init(_ server: SimRemoteServer) throws {
        let path = Fixture.directory() + "/sim.sock"
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8))
            raw[path.utf8.count] = 0
        }
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(listener, 8) == 0 else { throw SimRemoteError("listen \(path)", errno: .init(errno)) }
        self.path = path
        self.listener = listener
        Thread.detachNewThread {
            while case let client = accept(listener, nil, nil), client >= 0 {
                Thread.detachNewThread {
                    defer { close(client) }
                    while let frame = try? SimRemoteSocket.readRequest(client),
                          server.serve(channel: frame.channel, payload: frame.payload, on: client) {}
                }
            }
        }
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }
}
