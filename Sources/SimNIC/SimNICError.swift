import Platform

/// A refusal as the kernel reports it: the errno, the extended-ack text a driver or the core sets
/// (NL_SET_ERR_MSG), and the offset of the offending attribute when the core names one.
public struct SimNICError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The positive errno.
    public var errno: Errno
    /// The extack text (NLMSGERR_ATTR_MSG), if any.
    public var message: String?
    /// The offset of the offending attribute in the request (NLMSGERR_ATTR_OFFS), if any.
    public var offset: UInt32?

    public init(_ errno: Errno, _ message: String? = nil, offset: UInt32? = nil) {
        self.errno = errno
        self.message = message
        self.offset = offset
    }

    public var description: String {
        var text = errno.description
        if let message { text += " \"\(message)\"" }
        if let offset { text += " at offset \(offset)" }
        return text
    }
}
