/// Where a network namespace can be opened: `/run/netns/NAME` for one `ip netns add` made,
/// `/proc/PID/ns/net` for a process's, `/proc/PID/fd/N` for one a process holds open.
public struct NetworkNamespacePath: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The directory iproute2 keeps named namespaces in.
    public static let namedDirectory = "/run/netns"

    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// The namespace `ip netns add NAME` created.
    public static func named(_ name: String) -> NetworkNamespacePath {
        NetworkNamespacePath(rawValue: namedDirectory + "/" + name)
    }

    /// The name under ``namedDirectory``, when the path is there.
    public var name: String? {
        let prefix = Self.namedDirectory + "/"
        guard rawValue.hasPrefix(prefix) else { return nil }
        let rest = rawValue.dropFirst(prefix.count)
        return rest.isEmpty || rest.contains("/") ? nil : String(rest)
    }

    public var description: String { name.map { "netns \($0)" } ?? rawValue }
}
