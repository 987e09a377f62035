/// Why opening or using a ``PacketPort`` failed.
public enum PacketPortError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A system call failed (socket, bind, mmap, poll, ioctl...), with the device it was for.
    case systemCall(SystemCallError, device: String)
    /// No device of that name in that namespace.
    case noSuchDevice(String)
    /// The network namespace cannot be opened.
    case namespaceUnavailable(String, SystemCallError)
    /// The name is not a valid interface name.
    case invalidName(String, reason: String)
    /// The options cannot describe a working port (ring geometry, sizes), and why.
    case invalidOptions(String)
    /// The port was closed.
    case closed(String)

    public var description: String {
        switch self {
        case .systemCall(let error, let device): return "\(device): \(error)"
        case .noSuchDevice(let device): return "\(device): no such device"
        case .namespaceUnavailable(let path, let error): return "network namespace \(path): \(error)"
        case .invalidName(let name, let reason): return "interface name '\(name)': \(reason)"
        case .invalidOptions(let why): return "packet port options: \(why)"
        case .closed(let device): return "\(device): port closed"
        }
    }
}
