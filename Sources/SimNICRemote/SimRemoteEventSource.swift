#if canImport(Glibc)
import Glibc
#endif
import Netlink
import Platform
import Synchronization

/// ``NetlinkEventSource`` of an emulator process: the rtnetlink notifications the emulated kernel
/// multicasts, relayed by the emulator on an ``SimRemoteChannel/events`` connection.
///
/// Losing the emulator is reported like a socket error: the receive that sees the connection
/// close throws ECONNRESET (the subscriber resynchronises). While the emulator cannot be reached,
/// receives wait their timeout and return nothing; the first receive on a new connection throws
/// ``NetlinkTransportError/noBufferSpace``, because notifications were lost in between, and the
/// subscriber must dump again as after an overflow.
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
    }

    /// - Parameter path: the emulator's socket (`STATE/sim.sock`).
    public init(path: String) { self.path = path }

    deinit {
        state.withLock { state in if state.fd >= 0 { close(state.fd) } }
    }

    public func join(group: UInt32) throws(NetlinkTransportError) {
        try subscribe(SimEventSubscription(.join, group: group))
    }

    public func leave(group: UInt32) throws(NetlinkTransportError) {
        try subscribe(SimEventSubscription(.leave, group: group))
    }

    public func receive(timeout: Duration?) throws(NetlinkTransportError) -> [NetlinkMessage] {
        let fd: Int32
        do throws(SimRemoteError) {
            fd = try connected()
        } catch {
            // No emulator now: wait as a quiet socket would (never spin), then report nothing.
            sleepFor(timeout ?? .seconds(1))
            return []
        }
        if state.withLock({ $0.lost }) {
            state.withLock { $0.lost = false }
            throw .noBufferSpace
        }
        guard SimRemoteSocket.waitReadable(fd, timeout: timeout) else { return [] }
        let datagrams: [[UInt8]]?
        do throws(SimRemoteError) {
            datagrams = try SimRemoteSocket.readReply(fd)
        } catch {
            disconnect()
            throw .systemCall(error.systemCallError)
        }
        guard let datagrams else { throw .noBufferSpace }
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

    /// Records the change and sends it when connected (a later connection sends every group).
    private func subscribe(_ change: SimEventSubscription) throws(NetlinkTransportError) {
        let fd = state.withLock { state -> Int32 in
            if change.operation == .join { state.groups.insert(change.group) } else { state.groups.remove(change.group) }
            return state.fd
        }
        guard fd >= 0 else { return }
        do throws(SimRemoteError) {
            try SimRemoteSocket.write(fd, SimRemoteFrame.request(.events, port: 0, payload: change.payload))
        } catch {
            disconnect()
            throw .systemCall(error.systemCallError)
        }
    }

    /// The event connection, opened (with every joined group sent) when there is none.
    private func connected() throws(SimRemoteError) -> Int32 {
        try state.withLock { (state: inout State) throws(SimRemoteError) -> Int32 in
            if state.fd >= 0 { return state.fd }
            let fd = try SimRemoteSocket.connect(path, timeout: .seconds(5))
            do throws(SimRemoteError) {
                // The first frame makes the connection an event stream, even with no group yet.
                let groups = state.groups.isEmpty ? [SimEventSubscription(.leave, group: 0)] : state.groups.sorted().map { SimEventSubscription(.join, group: $0) }
                for change in groups { try SimRemoteSocket.write(fd, SimRemoteFrame.request(.events, port: 0, payload: change.payload)) }
            } catch {
                close(fd)
                throw error
            }
            state.fd = fd
            return fd
        }
    }

    private func disconnect() {
        state.withLock { state in
            if state.fd >= 0 { close(state.fd) }
            state.fd = -1
            state.lost = true
        }
    }
}

/// Blocks the calling thread for `duration` (event receives are blocking calls by contract).
private func sleepFor(_ duration: Duration) {
    var request = timespec(tv_sec: Int(duration.components.seconds), tv_nsec: Int(duration.components.attoseconds / 1_000_000_000))
    var remaining = timespec()
    while nanosleep(&request, &remaining) < 0 && errno == EINTR { request = remaining }
}
