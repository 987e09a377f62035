/// A TCP address to listen on: `HOST:PORT`, with IPv6 hosts in brackets (`[::1]:9464`).
public struct ListenAddress: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`; port 0 asks the kernel for a free port.
    public init(parsing text: String) throws(ConfigurationValueError) {
        let problem = ConfigurationValueError("expected HOST:PORT such as 127.0.0.1:9464 or [::1]:9464, found '\(text)'")
        guard let colon = text.lastIndex(of: ":") else { throw problem }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { throw problem }
        self.host = host
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
