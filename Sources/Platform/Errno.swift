/// A Linux error number with Swift names for the values eswitch reacts to, so that callers match
/// `.fileExists` instead of comparing bare integers.
///
/// Values come from /usr/include/asm-generic/errno-base.h and errno.h; ``name`` gives the C name.
public struct Errno: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The positive error number.
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    /// EPERM: operation not permitted.
    public static let notPermitted = Errno(1)
    /// ENOENT: no such file or directory (netlink: no such object, e.g. "TC classifier not found").
    public static let noSuchFileOrDirectory = Errno(2)
    /// EINTR: interrupted system call (retried by the syscall funnel, never surfaced).
    public static let interrupted = Errno(4)
    /// EIO: input/output error.
    public static let ioError = Errno(5)
    /// EBADF: bad file descriptor.
    public static let badFileDescriptor = Errno(9)
    /// EAGAIN / EWOULDBLOCK: try again.
    public static let resourceTemporarilyUnavailable = Errno(11)
    /// ENOMEM: out of memory.
    public static let noMemory = Errno(12)
    /// EACCES: permission denied.
    public static let permissionDenied = Errno(13)
    /// EBUSY: device or resource busy.
    public static let resourceBusy = Errno(16)
    /// EEXIST: the object already exists (netlink create with NLM_F_EXCL).
    public static let fileExists = Errno(17)
    /// ENODEV: no such device.
    public static let noSuchDevice = Errno(19)
    /// EINVAL: invalid argument.
    public static let invalidArgument = Errno(22)
    /// ENOSPC: no space left (libmnl: a datagram was longer than the receive buffer).
    public static let noSpace = Errno(28)
    /// ERANGE: result out of range.
    public static let outOfRange = Errno(34)
    /// ENOSYS: function not implemented.
    public static let notImplemented = Errno(38)
    /// EMSGSIZE: message too long.
    public static let messageTooLong = Errno(90)
    /// EPROTONOSUPPORT: protocol not supported.
    public static let protocolNotSupported = Errno(93)
    /// EOPNOTSUPP / ENOTSUP: operation not supported.
    public static let notSupported = Errno(95)
    /// EAFNOSUPPORT: address family not supported.
    public static let addressFamilyNotSupported = Errno(97)
    /// ENOBUFS: no buffer space; on a netlink socket, messages were dropped.
    public static let noBufferSpace = Errno(105)
    /// ETIMEDOUT: timed out.
    public static let timedOut = Errno(110)
    /// EALREADY: operation already in progress (DPDK: EAL already initialised).
    public static let alreadyInProgress = Errno(114)

    /// `ENOENT (2)`, or `errno 200` for numbers Linux does not name.
    public var description: String {
        if let name { return "\(name) (\(rawValue))" }
        return "errno \(rawValue)"
    }

    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(Int32.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
}
