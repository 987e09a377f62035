import EswitchModel

/// A devlink device handle: bus name and device name, written `pci/0000:03:00.0` by devlink.
/// For a NIC it is the PCI address of its PF, which is stable across reboots unlike netdev names.
public struct DevlinkHandle: Hashable, Sendable, Codable, CustomStringConvertible {
    /// DEVLINK_ATTR_BUS_NAME ("pci", "auxiliary", "netdevsim").
    public var bus: String
    /// DEVLINK_ATTR_DEV_NAME ("0000:03:00.0").
    public var device: String

    public init(bus: String, device: String) {
        self.bus = bus
        self.device = device
    }

    /// The handle of a PCI function: bus "pci", the address as sysfs writes it.
    public init(_ pci: PCIAddress) {
        self.init(bus: "pci", device: pci.description)
    }

    /// Parses `bus/device` (the device part may itself contain `/`); nil without a `/` or with an
    /// empty part.
    public init?(_ text: String) {
        guard let slash = text.firstIndex(of: "/") else { return nil }
        let bus = String(text[..<slash]), device = String(text[text.index(after: slash)...])
        guard !bus.isEmpty, !device.isEmpty else { return nil }
        self.init(bus: bus, device: device)
    }

    /// `bus/device`.
    public var description: String { "\(bus)/\(device)" }

    /// The PCI address, when the bus is "pci" and the name parses.
    public var pciAddress: PCIAddress? { bus == "pci" ? PCIAddress(device) : nil }

    /// DEVLINK_ATTR_BUS_NAME then DEVLINK_ATTR_DEV_NAME, the order iproute2 sends them in.
    public var attributes: [DevlinkAttribute] { [.busName(bus), .deviceName(device)] }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let handle = DevlinkHandle(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "devlink handle must be 'bus/device', got '\(text)'")
        }
        self = handle
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
