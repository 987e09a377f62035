import Foundation
import Netlink
import Platform

/// ``NetlinkEventSource`` on a ``SimNICEndpoint``: receives the notifications of the groups it
/// joined (RTNLGRP_LINK, RTNLGRP_NEIGH, RTNLGRP_TC) as the kernel multicasts them, through bytes
/// like a socket does. Its queue is bounded: when it overflows, or when ``injectOverflow()`` asks,
/// the next ``receive(timeout:)`` fails with ``NetlinkTransportError/noBufferSpace`` (ENOBUFS) and
/// the queued notifications are lost, so subscribers must resynchronise with a dump.
public final class SimNetlinkEventSource: NetlinkEventSource, @unchecked Sendable {
    public let netlinkProtocol: NetlinkProtocol
    /// The most notification datagrams queued before ENOBUFS.
    public let capacity: Int

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var groups: Set<UInt32> = []
    private var queue: [[UInt8]] = []
    private var overflowed = false

    /// - Parameters:
    ///   - endpoint: the emulated kernel to listen to.
    ///   - protocol: the protocol of the socket (notifications exist for rtnetlink only).
    ///   - capacity: datagrams held before the queue overflows.
    public init(endpoint: SimNICEndpoint, protocol: NetlinkProtocol = .route, capacity: Int = 4096) {
        self.netlinkProtocol = `protocol`
        self.capacity = max(1, capacity)
        endpoint.subscribe(self)
    }

    public func join(group: UInt32) throws(NetlinkTransportError) {
        condition.lock()
        groups.insert(group)
        condition.unlock()
    }

    public func leave(group: UInt32) throws(NetlinkTransportError) {
        condition.lock()
        groups.remove(group)
        condition.unlock()
    }

    /// Makes the next receive fail with ENOBUFS and drops what is queued (a socket buffer overrun).
    public func injectOverflow() {
        condition.lock()
        overflowed = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    public func receive(timeout: Duration?) throws(NetlinkTransportError) -> [NetlinkMessage] {
        condition.lock()
        let deadline = timeout.map { Date().addingTimeInterval(Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18) }
        while queue.isEmpty && !overflowed {
            if let deadline {
                if !condition.wait(until: deadline) { break }
            } else {
                condition.wait()
            }
        }
        if overflowed {
            overflowed = false
            condition.unlock()
            throw .noBufferSpace
        }
        guard !queue.isEmpty else {
            condition.unlock()
            return []
        }
        let datagram = queue.removeFirst()
        condition.unlock()
        do {
            return try NetlinkMessage.decodeAll(datagram, context: NetlinkDecodingContext(netlinkProtocol))
        } catch {
            throw .malformedReply(error)
        }
    }

    /// Queues the notifications of joined groups, one datagram each.
    func enqueue(_ notifications: [(UInt32, NetlinkMessage)]) {
        guard netlinkProtocol == .route else { return }
        condition.lock()
        defer { condition.unlock() }
        for (group, message) in notifications where groups.contains(group) {
            if queue.count >= capacity {
                overflowed = true
                queue.removeAll()
                continue
            }
            queue.append(message.encoded())
        }
        condition.broadcast()
    }
}
