import Netlink

/// Why a netlink exchange failed. The kernel's own refusals keep everything the kernel said
/// (errno, extack text, offset of the offending attribute), because that text is often the only
/// explanation an operator gets ("TC classifier not found", "Parent Qdisc doesn't exists").
public enum NetlinkTransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kernel answered with NLMSG_ERROR (or a dump ended with a negative NLMSG_DONE).
    case kernel(NetlinkErrorMessage)
    /// ENOBUFS: the socket's receive queue overflowed and messages were dropped. On an event
    /// socket notifications were lost: the caller must resynchronise by dumping.
    case noBufferSpace
    /// Every attempt of a dump came back with NLM_F_DUMP_INTR (the kernel's tables changed while
    /// it was dumping); `attempts` dumps were tried.
    case dumpInterrupted(attempts: Int)
    /// No answer arrived within the transport's reply timeout.
    case timedOut
    /// A system call failed (socket, bind, setsockopt, sendto, recvfrom, poll...).
    case systemCall(SystemCallError)
    /// An answer could not be decoded; the offset is within the received datagram.
    case malformedReply(NetlinkDecodingError)

    /// The errno behind the failure, when there is one (kernel refusals, system calls, ENOBUFS).
    public var errno: Errno? {
        switch self {
        case .kernel(let m): return Errno(m.errno)
        case .noBufferSpace: return .noBufferSpace
        case .systemCall(let e): return e.errno
        case .timedOut: return .timedOut
        case .dumpInterrupted, .malformedReply: return nil
        }
    }

    /// The kernel's extended-ack text, if it gave one.
    public var extackMessage: String? {
        if case .kernel(let m) = self { return m.message }
        return nil
    }

    /// The offset of the offending attribute in the request (NLMSGERR_ATTR_OFFS), if given.
    public var extackOffset: UInt32? {
        if case .kernel(let m) = self { return m.offset }
        return nil
    }

    public var description: String {
        switch self {
        case .kernel(let m):
            var text = "kernel: \(Errno(m.errno))"
            if let message = m.message { text += " \"\(message)\"" }
            if let offset = m.offset { text += " at request offset \(offset)" }
            return text
        case .noBufferSpace: return "netlink: \(Errno.noBufferSpace): messages were dropped"
        case .dumpInterrupted(let n): return "netlink: dump interrupted (NLM_F_DUMP_INTR) on all \(n) attempts"
        case .timedOut: return "netlink: no answer before the timeout"
        case .systemCall(let e): return e.description
        case .malformedReply(let e): return "netlink: malformed reply: \(e)"
        }
    }
}
