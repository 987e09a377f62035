/// An RDMA device (mlx5_0, irdma0...), as the verbs library lists it.
public struct RDMADevice: Hashable, Sendable, Codable {
    /// The kernel's device name.
    public var name: String
    /// The node GUID, in host order (zero when the device reports none).
    public var nodeGUID: UInt64

    public init(name: String, nodeGUID: UInt64) {
        self.name = name
        self.nodeGUID = nodeGUID
    }
}

/// Lists RDMA devices; NICs with RDMA (ConnectX, E810) show up here beside their PCI functions.
public protocol RDMAProbe: Sendable {
    /// The RDMA devices present. A host without RDMA gives an empty list, not an error.
    func devices() throws(PlatformError) -> [RDMADevice]
}
