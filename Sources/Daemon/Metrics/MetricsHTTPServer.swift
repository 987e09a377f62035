import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// Serves `GET /metrics` (Prometheus text format 0.0.4) over HTTP/1.1; every other path is 404.
public struct MetricsHTTPServer: Service {
    private let address: ListenAddress
    private let metrics: DaemonMetrics
    private let logger: Logger
    private let bound: (@Sendable (SocketAddress) -> Void)?

    /// - Parameters:
    ///   - address: Where to listen (port 0: a free port, reported through `bound`).
    ///   - bound: Told the address actually bound, once listening.
    public init(address: ListenAddress, metrics: DaemonMetrics, logger: Logger, bound: (@Sendable (SocketAddress) -> Void)? = nil) {
        self.address = address
        self.metrics = metrics
        self.logger = logger
        self.bound = bound
    }

    public func run() async throws {
        let metrics = self.metrics
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(MetricsRequestHandler(metrics: metrics))
                }
            }
            .bind(host: address.host, port: address.port).get()
        if let local = channel.localAddress {
            logger.info("serving metrics", metadata: ["address": "\(local)"])
            bound?(local)
        }
        try? await gracefulShutdown()
        try? await channel.close()
    }
}

/// Answers one HTTP request at a time on a connection.
private final class MetricsRequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let metrics: DaemonMetrics
    private var head: HTTPRequestHead?

    init(metrics: DaemonMetrics) { self.metrics = metrics }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head else { return }
            self.head = nil
            respond(context: context, to: head)
        }
    }

    private func respond(context: ChannelHandlerContext, to head: HTTPRequestHead) {
        let (status, contentType, body): (HTTPResponseStatus, String, String)
        if head.uri == "/metrics" || head.uri.hasPrefix("/metrics?") {
            if head.method == .GET || head.method == .HEAD {
                (status, contentType, body) = (.ok, "text/plain; version=0.0.4; charset=utf-8", metrics.exposition())
            } else {
                (status, contentType, body) = (.methodNotAllowed, "text/plain", "only GET\n")
            }
        } else {
            (status, contentType, body) = (.notFound, "text/plain", "only /metrics is served\n")
        }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: "\(body.utf8.count)")
        if !head.isKeepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        if head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
        }
        let keepAlive = head.isKeepAlive
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { [channel = context.channel] _ in
            if !keepAlive { channel.close(promise: nil) }
        }
    }
}
