#if canImport(Glibc)
import Glibc
#endif
import CMnl
import Netlink
import Platform
import Synchronization

/// A netlink socket that only listens: the Linux ``NetlinkEventSource``.
///
/// It is kept apart from the request socket so that notifications never sit between a request
/// and its answer, and so that an overflow of notifications (ENOBUFS) never costs an answer.
/// One thread should own the receive loop: ``receive(timeout:)`` holds the socket's lock while
/// it waits, so ``join(group:)`` from another thread waits for it.
public final class NetlinkEventSocket: NetlinkEventSource {
    /// Settings of an event socket.
    public struct Options: Sendable {
        /// SO_RCVBUF(FORCE) in bytes: a large queue makes ENOBUFS rarer during bursts (thousands
        /// of tc rule changes). nil keeps the system default.
        public var socketBufferSize: Int? = 4 << 20
        /// Size of the buffer one datagram is read into.
        public var receiveBufferSize: Int = 64 * 1024

        public init() {}
    }

    public let netlinkProtocol: NetlinkProtocol
    /// The port id the kernel assigned to the socket.
    public let portID: UInt32

    private struct State {
        let socket: MnlSocket
        var families: [UInt16: GenericFamily] = [:]
        var buffer: [UInt8]
    }

    private let state: Mutex<State>

    /// Opens an event socket for `netlinkProtocol` (in `namespace` when given) and joins `groups`.
    public init(_ netlinkProtocol: NetlinkProtocol, groups: [UInt32] = [], in namespace: NetworkNamespace? = nil, options: Options = Options()) throws(NetlinkTransportError) {
        let socket = try NetlinkSocket.open(netlinkProtocol, in: namespace)
        do {
            if let size = options.socketBufferSize {
                let bytes = Int32(clamping: size)
                // SO_RCVBUFFORCE passes rmem_max but needs CAP_NET_ADMIN; fall back to SO_RCVBUF.
                do {
                    try socket.setSocketOption(SO_RCVBUFFORCE, bytes, name: "SO_RCVBUFFORCE")
                } catch where error.errno == .notPermitted {
                    try socket.setSocketOption(SO_RCVBUF, bytes, name: "SO_RCVBUF")
                }
            }
            for group in groups {
                try socket.setNetlinkOption(NETLINK_ADD_MEMBERSHIP, Int32(bitPattern: group), name: "NETLINK_ADD_MEMBERSHIP \(group)")
            }
        } catch {
            throw NetlinkTransportError(error)
        }
        self.netlinkProtocol = netlinkProtocol
        self.portID = socket.portID
        state = Mutex(State(socket: socket, buffer: [UInt8](repeating: 0, count: max(options.receiveBufferSize, 8192))))
    }

    /// Teaches the decoder that generic-netlink messages of type `id` belong to `family`.
    public func register(_ family: GenericFamily, id: UInt16) {
        state.withLock { $0.families[id] = family }
    }

    public func join(group: UInt32) throws(NetlinkTransportError) {
        try setMembership(NETLINK_ADD_MEMBERSHIP, group, name: "NETLINK_ADD_MEMBERSHIP")
    }

    public func leave(group: UInt32) throws(NetlinkTransportError) {
        try setMembership(NETLINK_DROP_MEMBERSHIP, group, name: "NETLINK_DROP_MEMBERSHIP")
    }

    private func setMembership(_ option: Int32, _ group: UInt32, name: String) throws(NetlinkTransportError) {
        try state.withLock { (state) throws(NetlinkTransportError) in
            do throws(SystemCallError) {
                try state.socket.setNetlinkOption(option, Int32(bitPattern: group), name: "\(name) \(group)")
            } catch {
                throw NetlinkTransportError(error)
            }
        }
    }

    public func receive(timeout: Duration?) throws(NetlinkTransportError) -> [NetlinkMessage] {
        try state.withLock { (state) throws(NetlinkTransportError) -> [NetlinkMessage] in
            let length: Int
            do throws(SystemCallError) {
                guard try state.socket.waitReadable(until: timeout.map { ContinuousClock.now.advanced(by: $0) }) else { return [] }
                length = try state.socket.receive(into: &state.buffer)
            } catch {
                throw NetlinkTransportError(error)
            }
            let context = NetlinkDecodingContext(netlinkProtocol, families: state.families)
            var messages: [NetlinkMessage]
            do throws(NetlinkDecodingError) {
                messages = try NetlinkMessage.decodeAll(Array(state.buffer[0..<length]), context: context)
            } catch {
                throw .malformedReply(error)
            }
            messages.removeAll { $0.type == NLMSG.noop }
            return messages
        }
    }
}
