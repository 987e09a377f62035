import ControlAPI
import Foundation
import Logging
import NIOCore

/// Serves one connection: one request line, one response line, then close.
///
/// The request must arrive within the request timeout. Reading stops after the first line, so
/// a client cannot queue work. The response is written with a completion check: when the write
/// fails (the client is gone) the dispatcher rolls a state change back.
final class ControlConnectionHandler<Handler: ControlHandler>: ChannelInboundHandler {
    typealias InboundIn = ControlLineEvent

    private let role: SocketRole
    private let dispatcher: ControlDispatcher<Handler>
    private let requestTimeout: Duration
    private let activity: ActivityTracker
    private var answered = false
    private var timeout: Scheduled<Void>?
    /// Read when the connection is accepted: they stay known even if the client is gone by the
    /// time its request is served (so a vanished client's plug is served and then rolled back).
    private var credentials: PeerCredentials?

    init(role: SocketRole, dispatcher: ControlDispatcher<Handler>, requestTimeout: Duration, activity: ActivityTracker) {
        self.role = role
        self.dispatcher = dispatcher
        self.requestTimeout = requestTimeout
        self.activity = activity
    }

    func channelActive(context: ChannelHandlerContext) {
        let channel = context.channel
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        channel.peerCredentials().whenSuccess { loopBound.value.credentials = $0 }
        let seconds = requestTimeout.components.seconds
        timeout = context.eventLoop.scheduleTask(in: .nanoseconds(Int64(requestTimeout / .nanoseconds(1)))) {
            let handler = loopBound.value
            guard !handler.answered else { return }
            handler.answered = true
            Self.reply(.failure(ControlFailure(.timeout, "no request line within \(seconds)s")), on: channel)
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timeout?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        answered = true
        timeout?.cancel()
        let channel = context.channel
        channel.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in }
        switch unwrapInboundIn(data) {
        case .oversized(let limit):
            dispatcher.metrics.recordRequest(kind: "malformed", outcome: ControlFailure.Code.badRequest.rawValue, duration: .zero)
            Self.reply(.failure(ControlFailure(.badRequest, "request line exceeds the \(limit)-byte limit")), on: channel)
        case .line(let buffer):
            startServing(Data(buffer.readableBytesView), on: channel, credentials: credentials)
        }
    }

    /// Answers the request in a task of its own (the handler may take seconds; the event loop
    /// must not wait), counted so shutdown can drain it.
    private func startServing(_ line: Data, on channel: any Channel, credentials: PeerCredentials?) {
        let role = self.role
        let dispatcher = self.dispatcher
        let activity = self.activity
        activity.begin()
        Task {
            await dispatcher.serve(line, on: channel, role: role, credentials: credentials)
            activity.end()
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// Writes a response and closes, without waiting (for refusals that changed nothing).
    private static func reply(_ response: ControlResponse, on channel: any Channel) {
        guard let line = try? ControlFraming.encodeLine(response) else { return channel.close(promise: nil) }
        channel.writeAndFlush(ByteBuffer(bytes: line)).whenComplete { _ in channel.close(promise: nil) }
    }
}
