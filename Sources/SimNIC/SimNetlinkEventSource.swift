import Foundation
import Netlink
import Platform

/// ``NetlinkEventSource`` on a ``SimNICEndpoint``: receives the notifications of the groups it
/// joined (RTNLGRP_LINK, RTNLGRP_NEIGH, RTNLGRP_TC) as the kernel multicasts them, through bytes
/// like a socket does. Its queue is bounded, and it overruns as a netlink socket does
/// (net/netlink/af_netlink.c netlink_overrun): a notification that finds the queue full is
/// dropped, and the next ``receive(timeout:)`` fails once with
/// ``NetlinkTransportError/noBufferSpace`` (ENOBUFS, what ``NetlinkEventSource`` documents and the
/// Linux socket reports); the notifications queued before the overrun are delivered after it.
/// Subscribers must resynchronise with a dump.
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

    /// Makes the next receive fail with ENOBUFS, as if a notification had found the queue full
    /// (a socket buffer overrun); what is queued stays.
    public func injectOverflow() {
        condition.lock()
        overflowed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Notifications waiting to be received (datagrams).
    public var queuedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count
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
            // A full queue drops the new notification and marks the overrun.
            if queue.count >= capacity {
                overflowed = true
                continue
            }
            queue.append(message.encoded())
        }
        condition.broadcast()
    }
}
