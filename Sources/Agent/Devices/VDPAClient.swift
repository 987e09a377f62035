import EswitchModel
import Netlink
import Platform

/// vdpa over a generic-netlink transport: creating and removing vDPA devices on VF management
/// devices, and listing them.
struct VDPAClient: Sendable {
    let transport: any NetlinkTransport
    let familyID: UInt16

    /// Resolves the vdpa family on `transport`.
    /// - Throws: ENOENT when the kernel has no vdpa.
    static func resolve(on transport: any NetlinkTransport) throws(NetlinkTransportError) -> VDPAClient {
        VDPAClient(transport: transport, familyID: try transport.resolve(.vdpa).id)
    }

    /// `vdpa dev add name NAME mgmtdev pci/VF mac MAC`.
    func add(_ name: VDPADeviceName, on vf: PCIAddress, mac: MACAddress) throws(NetlinkTransportError) {
        try transport.request(message(.add(name: name.rawValue, on: VDPAManagementDevice(vf), mac: mac)))
    }

    /// `vdpa dev del NAME`.
    func delete(_ name: VDPADeviceName) throws(NetlinkTransportError) {
        try transport.request(message(.delete(name: name.rawValue)))
    }

    /// `vdpa dev show`: every device with its management device.
    func devices() throws(NetlinkTransportError) -> [(name: VDPADeviceName, managementDevice: PCIAddress?)] {
        try transport.dump(message(.devices())).compactMap { part in
            guard case .generic(let generic) = part.body, let device = generic.vdpa, let name = device.name else { return nil }
            return (VDPADeviceName(name), device.managementDevice?.pciAddress)
        }
    }

    private func message(_ body: VDPAMessage) -> NetlinkMessage {
        NetlinkMessage(type: familyID, flags: [], body: .generic(GenericMessage(.vdpa(body))))
    }
}

/// The name of a vDPA device (`vdpa dev add name NAME`). The agent derives it from the VF's PCI
/// address, so the same VF always carries the same name and a restarted agent finds its devices.
public struct VDPADeviceName: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ value: String) { rawValue = value }

    /// `vdpa-0000:03:00.2` for the VF at that address.
    public init(vf: PCIAddress) { rawValue = "vdpa-\(vf)" }

    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
}
