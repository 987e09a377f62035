/// Why a discovery or start-up call of the Platform boundary failed (netlink has its own
/// ``NetlinkTransportError``).
public enum PlatformError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A system or C library call failed.
    case systemCall(SystemCallError)
    /// A sysfs PCI tree is missing or not shaped as libpci expects; names the path and what is wrong.
    case invalidSysfsTree(path: String, reason: String)
    /// A facility cannot be used in this process or on this host, and why (for example the DPDK
    /// EAL, which starts once per process and cannot restart after clean-up).
    case unavailable(String)

    public var description: String {
        switch self {
        case .systemCall(let e): return e.description
        case .invalidSysfsTree(let path, let reason): return "\(path): \(reason)"
        case .unavailable(let why): return why
        }
    }
}
