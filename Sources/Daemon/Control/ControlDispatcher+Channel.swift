import ControlAPI
import Foundation
import NIOCore

extension ControlDispatcher {
    /// Answers one request line that arrived on `channel`, writes the response and closes. When the
    /// response cannot be written (the client is gone), a state change is rolled back.
    func serve(_ line: Data, on channel: any Channel, role: SocketRole, credentials known: PeerCredentials?) async {
        let credentials: PeerCredentials
        do {
            if let known { credentials = known } else { credentials = try await channel.peerCredentials().get() }
        } catch {
            logger.error("cannot read the caller's credentials; closing", metadata: ["socket": "\(role)", "reason": "\(error)"])
            try? await channel.close()
            return
        }
        let caller = Caller(credentials: credentials, socket: role)
        let outcome = await respond(to: line, caller: caller)
        do {
            try await channel.writeAndFlush(ByteBuffer(bytes: try ControlFraming.encodeLine(outcome.response))).get()
        } catch {
            await undelivered(outcome, caller: caller)
        }
        try? await channel.close()
    }
}
