import EswitchModel

/// A local port as the datapath numbers it: an index into its port table, stable for the
/// datapath's life (a port that leaves the intent keeps its handle, so a handle never changes
/// meaning). Map handles to I/O once, with ``SoftwareDatapath/handle(of:)``.
public struct PortHandle: RawRepresentable, Hashable, Comparable, Sendable {
    public var rawValue: UInt32
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }
    @inlinable public var index: Int { Int(rawValue) }
    @inlinable public static func < (a: PortHandle, b: PortHandle) -> Bool { a.rawValue < b.rawValue }
}

/// Where a frame enters the slow path.
public enum DatapathIngress: Hashable, Sendable {
    /// From a local VM port (its representor, or its tap for a software port): what the VM sent.
    case port(PortHandle)
    /// From the underlay through the uplink: VXLAN from other nodes, or plain traffic to
    /// floating IPs and SNAT addresses.
    case uplink

    /// The ingress number classifier keys carry: 0 for the uplink, handle + 1 for ports.
    @inlinable var number: UInt32 {
        switch self {
        case .uplink: return 0
        case .port(let handle): return handle.rawValue &+ 1
        }
    }
}

/// Where a frame leaves the slow path.
public enum DatapathEgress: Hashable, Sendable, CustomStringConvertible {
    /// To a local VM port (write it into the port's representor or tap).
    case port(PortHandle)
    /// Onto the underlay, VXLAN-encapsulated towards the VTEP `remote` (outer headers complete).
    case tunnel(remote: IPv4Address)
    /// Onto the uplink unencapsulated, to the external next hop (floating IPs, SNAT).
    case external

    public var description: String {
        switch self {
        case .port(let handle): return "port #\(handle.rawValue)"
        case .tunnel(let remote): return "tunnel to \(remote)"
        case .external: return "external"
        }
    }
}

/// What the datapath needs to know about the underlay that the intent does not say: the MAC it
/// sends from, the next-hop MAC of each remote VTEP (resolved by the caller, e.g. from the
/// kernel's neighbour table) and of the external router.
public struct TunnelFacts: Hashable, Sendable {
    /// The source MAC of frames the datapath sends on the uplink.
    public var underlayMAC: MACAddress
    /// The next-hop MAC for each remote VTEP.
    public var nextHops: [IPv4Address: MACAddress]
    /// The next hop out of the cloud (floating IPs, SNAT); nil drops external output.
    public var externalNextHop: MACAddress?

    public init(underlayMAC: MACAddress, nextHops: [IPv4Address: MACAddress] = [:], externalNextHop: MACAddress? = nil) {
        self.underlayMAC = underlayMAC
        self.nextHops = nextHops
        self.externalNextHop = externalNextHop
    }
}
