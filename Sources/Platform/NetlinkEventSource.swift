import Netlink

/// Notifications the kernel multicasts (link, neighbour, tc changes...), on a channel separate
/// from request/answer exchanges so that notifications never interleave with answers.
public protocol NetlinkEventSource: AnyObject, Sendable {
    /// The protocol spoken; it decides how notifications are decoded.
    var netlinkProtocol: NetlinkProtocol { get }

    /// Subscribes to a multicast group (for rtnetlink an RTNLGRP_* number, e.g. ``RTNLGRP/link``).
    func join(group: UInt32) throws(NetlinkTransportError)

    /// Unsubscribes from a multicast group.
    func leave(group: UInt32) throws(NetlinkTransportError)

    /// Waits for notifications and returns those that arrived together (one datagram).
    ///
    /// - Parameter timeout: how long to wait; nil waits until something arrives.
    /// - Returns: the notifications, or an empty list when the timeout passed.
    /// - Throws: ``NetlinkTransportError/noBufferSpace`` when the kernel had to drop
    ///   notifications; the subscriber's view is stale and must be rebuilt with a dump.
    func receive(timeout: Duration?) throws(NetlinkTransportError) -> [NetlinkMessage]
}
