/// struct ifla_vf_rate without its vf field: the VF's guaranteed and maximum transmit rate in
/// Mbit/s (0 = no guarantee / no limit). iproute2 sends both even when one is given on the command
/// line (it reads the other back first). JSON: {"min_tx": 0, "max_tx": 1000}.
public struct VFRate: Hashable, Sendable, Codable {
    public var minTx: UInt32
    public var maxTx: UInt32

    public init(minTx: UInt32 = 0, maxTx: UInt32 = 0) {
        self.minTx = minTx
        self.maxTx = maxTx
    }

    enum CodingKeys: String, CodingKey { case minTx = "min_tx", maxTx = "max_tx" }
}
