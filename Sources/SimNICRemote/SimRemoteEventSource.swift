#if canImport(Glibc)
import Glibc
#endif
import Netlink
import Platform
import Synchronization

/// ``NetlinkEventSource`` of an emulator process: the rtnetlink notifications the emulated kernel
/// multicasts, relayed by the emulator on an ``SimRemoteChannel/events`` connection.
///
/// A join is in force when it returns (the emulator answers it), as on a netlink socket. Losing
/// the emulator is reported like a socket error: the receive that sees the connection close throws
/// ECONNRESET (the subscriber resynchronises). While the emulator cannot be reached, receives wait
/// their timeout and return nothing; the first receive on a new connection throws
/// ``NetlinkTransportError/noBufferSpace``, because notifications were lost in between, and the
/// subscriber must dump again as after an overflow. Calls are serialised.
public final class SimRemoteEventSource: NetlinkEventSource {
    public let netlinkProtocol: NetlinkProtocol = .route
    /// The emulator's socket.
    public let path: String
    private let state = Mutex(State())

    struct State {
        var fd: Int32 = -1
        var groups: Set<UInt32> = []
        /// A connection was lost: the next one starts with a resynchronisation.
        var lost = false
        /// Notification frames that arrived while a join waited for its answer.
        var pending: [[[UInt8]]] = []
    }

    /// - Parameter path: the emulator's socket (`STATE/sim.sock`).
    public init(path: String) { self.path = path }

    deinit {
        state.withLock { state in if state.fd >= 0 { close(state.fd) } }
    }

    /// Joins `group`; notifications of the group are delivered from now on.
    /// - Throws: ``NetlinkTransportError/systemCall(_:)`` when the emulator cannot be reached (the
    ///   group is joined on the next connection).
    public func join(group: UInt32) throws(NetlinkTransportError) {
        try change(SimEventSubscription(.join, group: group))
    }

    public func leave(group: UInt32) throws(NetlinkTransportError) {
        try change(SimEventSubscription(.leave, group: group))
    }

    public func receive(timeout: Duration?) throws(NetlinkTransportError) -> [NetlinkMessage] {
        let received = try state.withLock { (state: inout State) throws(NetlinkTransportError) -> Received in
            do throws(SimRemoteError) {
                try Self.connect(&state, path: path)
            } catch {
                return .unreachable
            }
            if state.lost {
                state.lost = false
                throw .noBufferSpace
            }
            if !state.pending.isEmpty { return .frame(state.pending.removeFirst()) }
            guard SimRemoteSocket.waitReadable(state.fd, timeout: timeout) else { return .frame([]) }
            do throws(SimRemoteError) {
                return try SimRemoteSocket.readReply(state.fd).map { .frame($0) } ?? .overflow
            } catch {
                Self.disconnect(&state)
                throw .systemCall(error.systemCallError)
            }
        }
        switch received {
        case .unreachable:
            // No emulator now: wait as a quiet socket would (never spin), then report nothing.
            sleepFor(timeout ?? .seconds(1))
            return []
        case .overflow:
            throw .noBufferSpace
        case .frame(let datagrams):
            var messages: [NetlinkMessage] = []
            for datagram in datagrams {
                do {
                    messages += try NetlinkMessage.decodeAll(datagram, context: .route)
                } catch {
                    throw .malformedReply(error)
                }
            }
            return messages
        }
    }

    /// What one wait on the connection gave.
    private enum Received {
        case unreachable
        case overflow
        case frame([[UInt8]])
    }

    /// Records the change and, when connected, sends it and waits for its answer (connecting
    /// sends every group).
    private func change(_ change: SimEventSubscription) throws(NetlinkTransportError) {
        try state.withLock { (state: inout State) throws(NetlinkTransportError) in
            if change.operation == .join { state.groups.insert(change.group) } else { state.groups.remove(change.group) }
            do throws(SimRemoteError) {
                if state.fd < 0 {
                    try Self.connect(&state, path: path)
                } else {
                    try Self.send(change, on: &state)
                }
            } catch {
                Self.disconnect(&state)
                throw .systemCall(error.systemCallError)
            }
        }
    }

    /// Opens the event connection when there is none and joins every recorded group (the first
    /// frame makes the connection an event stream, even with no group yet).
    private static func connect(_ state: inout State, path: String) throws(SimRemoteError) {
        guard state.fd < 0 else { return }
        state.fd = try SimRemoteSocket.connect(path, timeout: .seconds(5))
        let changes = state.groups.isEmpty ? [SimEventSubscription(.leave, group: 0)] : state.groups.sorted().map { SimEventSubscription(.join, group: $0) }
        do throws(SimRemoteError) {
            for change in changes { try send(change, on: &state) }
        } catch {
            close(state.fd)
            state.fd = -1
            throw error
        }
    }

    /// Sends one subscription change and reads up to its answer, keeping notifications that come first.
    private static func send(_ change: SimEventSubscription, on state: inout State) throws(SimRemoteError) {
        try SimRemoteSocket.write(state.fd, SimRemoteFrame.request(.events, port: 0, payload: change.payload))
        while true {
            guard let datagrams = try SimRemoteSocket.readReply(state.fd) else {
                state.lost = true  // an overflow before the answer: report it at the next receive
                continue
            }
            if datagrams.isEmpty { return }
            state.pending.append(datagrams)
        }
    }

    private static func disconnect(_ state: inout State) {
        if state.fd >= 0 { close(state.fd) }
        state.fd = -1
        state.lost = true
        state.pending.removeAll()
    }
}

/// Blocks the calling thread for `duration` (event receives are blocking calls by contract).
private func sleepFor(_ duration: Duration) {
    var request = timespec(tv_sec: Int(duration.components.seconds), tv_nsec: Int(duration.components.attoseconds / 1_000_000_000))
    var remaining = timespec()
    while nanosleep(&request, &remaining) < 0 && errno == EINTR { request = remaining }
}
