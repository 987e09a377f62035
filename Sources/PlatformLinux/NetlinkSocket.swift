import CMnl
import Netlink
import Platform
import Synchronization

/// A netlink request socket on libmnl: the Linux ``NetlinkTransport``.
///
/// Extended ACKs are switched on (NETLINK_EXT_ACK) so refusals carry the kernel's text, and
/// capped (NETLINK_CAP_ACK) so an error does not echo the whole request back. The socket joins
/// no multicast group, so only answers arrive on it; notifications go to a
/// ``NetlinkEventSocket``. Exchanges are serialised by a lock.
public final class NetlinkSocket: NetlinkTransport {
    /// Settings of a request socket.
    public struct Options: Sendable {
        /// How many times a dump marked NLM_F_DUMP_INTR is started again before giving up.
        public var dumpAttempts: Int = 5
        /// How long to wait for each datagram of an answer (SO_RCVTIMEO); nil waits for ever.
        public var replyTimeout: Duration? = .seconds(30)
        /// Size of the receive buffer. A datagram is at most 32 KiB for dump parts; single
        /// answers (a link with many VFs) can be larger.
        public var receiveBufferSize: Int = 256 * 1024
        /// NETLINK_GET_STRICT_CHK: the kernel validates dump request headers and filters dumps.
        public var strictChecking: Bool = false

        public init() {}
    }

    public let netlinkProtocol: NetlinkProtocol
    /// The port id the kernel assigned to the socket.
    public let portID: UInt32
    public let options: Options

    private struct State: ~Copyable {
        let socket: MnlSocket
        var lastSequence: UInt32
        var families: [UInt16: GenericFamily] = [:]
        var writer = NetlinkWriter(capacity: 4096)
        var buffer: [UInt8]

        mutating func nextSequence() -> UInt32 {
            lastSequence &+= 1
            if lastSequence == 0 { lastSequence = 1 }  // 0 is what notifications carry
            return lastSequence
        }
    }

    private let state: Mutex<State>

    /// Opens a request socket for `netlinkProtocol` in this thread's network namespace, or in
    /// `namespace` when given.
    public init(_ netlinkProtocol: NetlinkProtocol, in namespace: NetworkNamespace? = nil, options: Options = Options()) throws(NetlinkTransportError) {
        let socket = try Self.open(netlinkProtocol, in: namespace)
        do {
            try socket.setNetlinkOption(NETLINK_EXT_ACK, 1, name: "NETLINK_EXT_ACK")
            try socket.setNetlinkOption(NETLINK_CAP_ACK, 1, name: "NETLINK_CAP_ACK")
            if let timeout = options.replyTimeout {
                try socket.setReceiveTimeout(timeout)
            }
            if options.strictChecking {
                try socket.setNetlinkOption(NETLINK_GET_STRICT_CHK, 1, name: "NETLINK_GET_STRICT_CHK")
            }
        } catch {
            throw NetlinkTransportError(error)
        }
        self.netlinkProtocol = netlinkProtocol
        self.portID = socket.portID
        self.options = options
        state = Mutex(State(socket: socket, lastSequence: 0, buffer: [UInt8](repeating: 0, count: max(options.receiveBufferSize, 8192))))
    }

    /// Opens the libmnl socket, on a thread inside `namespace` when one is given.
    static func open(_ netlinkProtocol: NetlinkProtocol, in namespace: NetworkNamespace?) throws(NetlinkTransportError) -> MnlSocket {
        do {
            guard let namespace else { return try MnlSocket(netlinkProtocol) }
            return try namespace.performResult { () throws(SystemCallError) -> MnlSocket in try MnlSocket(netlinkProtocol) }.get()
        } catch {
            throw NetlinkTransportError(error)
        }
    }

    public var families: [UInt16: GenericFamily] { state.withLock { $0.families } }

    public func register(_ family: GenericFamily, id: UInt16) {
        state.withLock { $0.families[id] = family }
    }

    @discardableResult
    public func request(_ message: NetlinkMessage) throws(NetlinkTransportError) -> NetlinkReply {
        try state.withLock { (state) throws(NetlinkTransportError) -> NetlinkReply in
            switch try exchange(&state, message, isDump: false) {
            case .finished(let messages, let acknowledgement?):
                return NetlinkReply(messages: messages, acknowledgement: acknowledgement)
            case .failed(let error):
                throw error
            case .finished, .interrupted, .needMore:
                // The collector ends a non-dump exchange only with an ACK or an error.
                throw .malformedReply(NetlinkDecodingError(offset: 0, "request ended without an ACK"))
            }
        }
    }

    public func dump(_ message: NetlinkMessage) throws(NetlinkTransportError) -> [NetlinkMessage] {
        try state.withLock { (state) throws(NetlinkTransportError) -> [NetlinkMessage] in
            let attempts = max(1, options.dumpAttempts)
            for _ in 0..<attempts {
                switch try exchange(&state, message, isDump: true) {
                case .finished(let messages, _): return messages
                case .interrupted: continue
                case .failed(let error): throw error
                case .needMore: throw .malformedReply(NetlinkDecodingError(offset: 0, "dump ended without NLMSG_DONE"))
                }
            }
            throw .dumpInterrupted(attempts: attempts)
        }
    }

    /// Sends `message` with a fresh sequence number and reads until the exchange ends.
    private func exchange(_ state: inout State, _ message: NetlinkMessage, isDump: Bool) throws(NetlinkTransportError) -> NetlinkReplyCollector.Outcome {
        var outgoing = message
        outgoing.sequence = state.nextSequence()
        outgoing.portID = 0
        outgoing.flags.formUnion(isDump ? [.request, .dump] : [.request, .ack])
        state.writer.reset()
        outgoing.encode(into: &state.writer)
        let header = NetlinkHeader(length: UInt32(truncatingIfNeeded: state.writer.count), type: outgoing.type, flags: outgoing.flags, sequence: outgoing.sequence, portID: 0)
        var collector = NetlinkReplyCollector(
            sequence: outgoing.sequence, isDump: isDump,
            context: NetlinkDecodingContext(netlinkProtocol, families: state.families), requestHeader: header)
        do {
            try state.socket.send(state.writer.bytes)
        } catch {
            throw NetlinkTransportError(error)
        }
        while true {
            let length = try receive(&state)
            let outcome = collector.consume(state.buffer[0..<length])
            if case .needMore = outcome { continue }
            return outcome
        }
    }

    /// Reads one datagram into the state's buffer; returns its length.
    private func receive(_ state: inout State) throws(NetlinkTransportError) -> Int {
        do {
            return try state.socket.receive(into: &state.buffer)
        } catch {
            if error.errno == .noSpace {
                throw .malformedReply(NetlinkDecodingError(offset: state.buffer.count, "datagram longer than the \(state.buffer.count)-byte receive buffer was cut"))
            }
            throw NetlinkTransportError(error)
        }
    }
}
