import Netlink

/// Request/answer exchanges with a netlink protocol (rtnetlink or generic netlink): the one way
/// eswitch changes or reads kernel networking state. PlatformLinux implements it on a socket,
/// SimNIC by answering the same messages itself.
///
/// Implementations own the message header bookkeeping: they assign `sequence` and `portID`, set
/// NLM_F_REQUEST, add NLM_F_ACK to ``request(_:)`` so that every exchange ends with an answer,
/// and match answers to the request by sequence number. Exchanges on one transport are
/// serialised; use several transports for parallelism.
public protocol NetlinkTransport: AnyObject, Sendable {
    /// The protocol spoken; it decides how answers are decoded.
    var netlinkProtocol: NetlinkProtocol { get }

    /// Generic-netlink family ids the decoder knows (type number -> family).
    var families: [UInt16: GenericFamily] { get }

    /// Teaches the decoder that generic-netlink messages of type `id` belong to `family`.
    func register(_ family: GenericFamily, id: UInt16)

    /// Sends one request and waits for the kernel's ACK.
    ///
    /// - Returns: the ACK, with any messages answered before it (the object for a GET, a copy
    ///   for NLM_F_ECHO).
    /// - Throws: ``NetlinkTransportError/kernel(_:)`` when the kernel refuses, with its errno and
    ///   extack text; the other cases for transport failures.
    @discardableResult
    func request(_ message: NetlinkMessage) throws(NetlinkTransportError) -> NetlinkReply

    /// Sends a dump request (NLM_F_DUMP is added) and collects every part up to NLMSG_DONE.
    ///
    /// A dump the kernel marks NLM_F_DUMP_INTR is read to its end and started again, a bounded
    /// number of times, so the result is always one consistent snapshot.
    /// - Throws: ``NetlinkTransportError/dumpInterrupted(attempts:)`` when no attempt was
    ///   consistent, ``NetlinkTransportError/kernel(_:)`` when the kernel refuses the dump.
    func dump(_ message: NetlinkMessage) throws(NetlinkTransportError) -> [NetlinkMessage]
}

/// What the kernel answered to one ``NetlinkTransport/request(_:)``.
public struct NetlinkReply: Hashable, Sendable {
    /// Messages that came before the ACK with the request's sequence number.
    public var messages: [NetlinkMessage]
    /// The closing ACK (errno 0). It can still carry extack text: the kernel uses it for warnings.
    public var acknowledgement: NetlinkErrorMessage

    public init(messages: [NetlinkMessage] = [], acknowledgement: NetlinkErrorMessage) {
        self.messages = messages
        self.acknowledgement = acknowledgement
    }
}
