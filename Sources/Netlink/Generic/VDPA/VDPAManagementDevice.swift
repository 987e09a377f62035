import EswitchModel

/// A vDPA management device handle, written `pci/0000:03:00.2` (bus + device) or `vdpasim_net`
/// (device only) by vdpa. On a SmartNIC it is the PCI function the vDPA devices are created on.
public struct VDPAManagementDevice: Hashable, Sendable, Codable, CustomStringConvertible {
    /// VDPA_ATTR_MGMTDEV_BUS_NAME, nil for a management device without a bus.
    public var bus: String?
    /// VDPA_ATTR_MGMTDEV_DEV_NAME.
    public var device: String

    public init(bus: String?, device: String) {
        self.bus = bus
        self.device = device
    }

    /// The management device of a PCI function: bus "pci", the address as sysfs writes it.
    public init(_ pci: PCIAddress) {
        self.init(bus: "pci", device: pci.description)
    }

    /// Parses `bus/device` or a bare `device`; nil for an empty part.
    public init?(_ text: String) {
        if let slash = text.firstIndex(of: "/") {
            let bus = String(text[..<slash]), device = String(text[text.index(after: slash)...])
            guard !bus.isEmpty, !device.isEmpty else { return nil }
            self.init(bus: bus, device: device)
        } else {
            guard !text.isEmpty else { return nil }
            self.init(bus: nil, device: text)
        }
    }

    /// `bus/device`, or `device` alone, as vdpa prints it.
    public var description: String { bus.map { "\($0)/\(device)" } ?? device }

    /// The PCI address, when the bus is "pci" and the name parses.
    public var pciAddress: PCIAddress? { bus == "pci" ? PCIAddress(device) : nil }

    /// VDPA_ATTR_MGMTDEV_BUS_NAME (if any) then VDPA_ATTR_MGMTDEV_DEV_NAME, as iproute2 sends them.
    public var attributes: [VDPAAttribute] {
        if let bus { return [.managementBusName(bus), .managementDeviceName(device)] }
        return [.managementDeviceName(device)]
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let handle = VDPAManagementDevice(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "vdpa management device must be 'bus/device' or 'device', got '\(text)'")
        }
        self = handle
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
