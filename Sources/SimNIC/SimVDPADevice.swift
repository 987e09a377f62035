import EswitchModel

/// A vDPA device created on a VF's management device (`vdpa dev add`).
public struct SimVDPADevice: Hashable, Sendable {
    public var name: String
    /// The VF the device runs on (its management device).
    public var managementDevice: PCIAddress
    public var mac: MACAddress?
    public var mtu: UInt16?
    public var maxVirtqueuePairs: UInt16?
    /// Virtqueues of the device (2 per pair, plus the control queue).
    public var virtqueues: UInt32
}
