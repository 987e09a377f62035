/// IFLA_VXLAN_PORT_RANGE (struct ifla_vxlan_port_range, both network order): the UDP source
/// ports the device picks from (`srcport LOW HIGH`; 0 0 = the kernel's default range).
/// JSON: {"low": 1000, "high": 2000}.
public struct VXLANPortRange: Hashable, Sendable, Codable {
    public var low: UInt16
    public var high: UInt16

    public init(low: UInt16, high: UInt16) {
        self.low = low
        self.high = high
    }
}
