/// A failed system or C library call: which function, and the errno it left.
public struct SystemCallError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The C function that failed (`recvfrom`, `setns`, `rte_eal_init`...).
    public var function: String
    /// The error it reported.
    public var errno: Errno

    public init(_ function: String, errno: Errno) {
        self.function = function
        self.errno = errno
    }

    public var description: String { "\(function): \(errno)" }
}
