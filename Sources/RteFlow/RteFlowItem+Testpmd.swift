import EswitchModel

extension RteFlowItem {
    /// The item as dpdk-testpmd's `flow` command spells it, e.g.
    /// `eth dst is 52:54:00:10:00:01 type is 0x0800` or `represented_port ethdev_port_id is 1`.
    public var testpmdText: String {
        let (name, fields) = testpmdParts
        return ([name] + fields.compactMap { $0 }).joined(separator: " ")
    }

    private var testpmdParts: (String, [String?]) {
        switch self {
        case .eth(let e):
            return ("eth", [TestpmdField.mac("dst", e.destination), TestpmdField.mac("src", e.source),
                            TestpmdField.integer("type", e.type, hex: true)])
        case .vlan(let v):
            return ("vlan", [TestpmdField.integer("vid", v.vid, full: RteFlowItemVLAN.vidMask),
                             TestpmdField.integer("inner_type", v.innerType, hex: true)])
        case .ipv4(let i):
            return ("ipv4", [TestpmdField.ipv4("src", i.source), TestpmdField.ipv4("dst", i.destination),
                             TestpmdField.integer("proto", i.proto), TestpmdField.integer("ttl", i.ttl)])
        case .ipv6(let i):
            return ("ipv6", [TestpmdField.ipv6("src", i.source), TestpmdField.ipv6("dst", i.destination),
                             TestpmdField.integer("proto", i.proto), TestpmdField.integer("hop", i.hopLimit)])
        case .tcp(let p): return ("tcp", Self.ports(p))
        case .udp(let p): return ("udp", Self.ports(p))
        case .sctp(let p): return ("sctp", Self.ports(p))
        case .icmp(let c):
            return ("icmp", [TestpmdField.integer("type", c.type), TestpmdField.integer("code", c.code)])
        case .icmp6(let c):
            return ("icmp6", [TestpmdField.integer("type", c.type), TestpmdField.integer("code", c.code)])
        case .vxlan(let x):
            return ("vxlan", [x.vni.map { "vni is \($0.rawValue)" }])
        case .portRepresentor(let port):
            return ("port_representor", ["port_id is \(port.rawValue)"])
        case .representedPort(let port):
            return ("represented_port", ["ethdev_port_id is \(port.rawValue)"])
        }
    }

    private static func ports(_ p: RteFlowItemPorts) -> [String?] {
        [TestpmdField.integer("src", p.source), TestpmdField.integer("dst", p.destination)]
    }
}
