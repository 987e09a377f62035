extension HardwareProfile {
    /// Tunnel offloads by tunnel type.
    public struct Tunnels: Hashable, Sendable, Codable {
        public var vxlan: TunnelSupport
        public var geneve: TunnelSupport
        public var gre: TunnelSupport
        /// True when the outer (underlay) header may be IPv6.
        public var ipv6Underlay: Bool

        public init(vxlan: TunnelSupport, geneve: TunnelSupport, gre: TunnelSupport, ipv6Underlay: Bool) {
            self.vxlan = vxlan
            self.geneve = geneve
            self.gre = gre
            self.ipv6Underlay = ipv6Underlay
        }

        /// The support for one tunnel type.
        public subscript(type: TunnelType) -> TunnelSupport {
            switch type {
            case .vxlan: return vxlan
            case .geneve: return geneve
            case .gre: return gre
            }
        }

        enum CodingKeys: String, CodingKey {
            case vxlan, geneve, gre
            case ipv6Underlay = "ipv6_underlay"
        }
    }

    /// What the hardware does with one tunnel type.
    public struct TunnelSupport: Hashable, Sendable, Codable {
        /// Adds the outer headers (`tunnel_key set` + redirect to the tunnel device).
        public var encap: Bool
        /// Removes the outer headers of traffic arriving on the tunnel device.
        public var decap: Bool
        /// Classifies on outer headers (`enc_*` keys) of traffic arriving on the tunnel device.
        public var match: Bool

        public init(encap: Bool, decap: Bool, match: Bool) {
            self.encap = encap
            self.decap = decap
            self.match = match
        }

        /// Nothing offloaded.
        public static let none = TunnelSupport(encap: false, decap: false, match: false)
    }

    /// A tunnel encapsulation the compiler can ask about.
    public enum TunnelType: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
        case vxlan, geneve, gre
        public var description: String { rawValue }
    }
}
