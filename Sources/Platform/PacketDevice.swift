import EswitchModel

/// A network device that a ``PacketPort`` sends and receives frames on: its name, the network
/// namespace it lives in, and whether the port attaches to an existing device or creates one.
public struct PacketDevice: Hashable, Sendable, Codable, CustomStringConvertible {
    /// How the port reaches the device.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// An existing netdev (veth, physical...), opened with a packet socket bound to it: frames
        /// received are those arriving on the device, frames sent leave through it.
        case attached
        /// A TAP device the port creates and owns (it goes away when the port closes): frames the
        /// port sends appear as received on the device (tcpdump on it shows them coming in), frames
        /// the kernel transmits on the device (a program sending through it) are what the port receives.
        case tap
    }

    /// The device's name in its namespace.
    public var name: InterfaceName
    /// The namespace, or nil for the one the process started in.
    public var namespace: NetworkNamespacePath?
    public var kind: Kind

    public init(name: InterfaceName, namespace: NetworkNamespacePath? = nil, kind: Kind = .attached) {
        self.name = name
        self.namespace = namespace
        self.kind = kind
    }

    /// A device whose name is checked against the kernel's rules first.
    ///
    /// - Throws: ``PacketPortError/invalidName(_:reason:)`` when the kernel would refuse the name.
    public init(validating name: String, namespace: NetworkNamespacePath? = nil, kind: Kind = .attached) throws(PacketPortError) {
        let interface = InterfaceName(name)
        if let problem = interface.problem { throw .invalidName(name, reason: problem) }
        self.init(name: interface, namespace: namespace, kind: kind)
    }

    /// `tap pf0vf0 in netns node1`, `eth0 in /proc/42/fd/7`.
    public var description: String {
        (kind == .tap ? "tap " : "") + name.rawValue + (namespace.map { " in \($0)" } ?? "")
    }
}
