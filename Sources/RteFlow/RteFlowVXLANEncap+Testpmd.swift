extension RteFlowVXLANEncap {
    /// The testpmd command that defines the headers the next `vxlan_encap` action uses:
    /// `set vxlan-tos-ttl ip-version ipv4 vni 1001 udp-src 0 udp-dst 4789 ip-tos 0 ip-ttl 64
    /// ip-src 192.0.2.11 ip-dst 192.0.2.12 eth-src ... eth-dst ...` (the `vxlan-tos-ttl` form, so
    /// that TTL and TOS are the model's and not testpmd's defaults).
    public var testpmdSetCommand: String {
        let version: String
        switch addresses {
        case .ipv4: version = "ipv4"
        case .ipv6: version = "ipv6"
        }
        return "set vxlan-tos-ttl ip-version \(version) vni \(vni.rawValue) udp-src \(udpSource) udp-dst \(udpDestination)"
            + " ip-tos \(tos) ip-ttl \(ttl) ip-src \(addresses.source) ip-dst \(addresses.destination)"
            + " eth-src \(ethSource) eth-dst \(ethDestination)"
    }
}
