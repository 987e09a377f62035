import ControlAPI
import EswitchModel

/// What a plugged port holds: the VM it was plugged for and its device. Part of the snapshot the
/// daemon persists, so a restarted agent knows which VF or vDPA device each port has.
public struct PortBindingRecord: Hashable, Sendable, Codable {
    /// The port of the intent.
    public var port: PortID
    /// The libvirt domain the port was plugged for (unplug must name the same one).
    public var domain: String
    /// The domain's UUID, when the domain XML has one.
    public var domainUUID: String?
    /// The interface kind of the domain XML.
    public var kind: InterfaceKind
    /// The device the port holds.
    public var device: BoundDevice

    /// A binding of `port` to `device` for `domain`.
    public init(port: PortID, domain: String, domainUUID: String? = nil, kind: InterfaceKind, device: BoundDevice) {
        self.port = port
        self.domain = domain
        self.domainUUID = domainUUID
        self.kind = kind
        self.device = device
    }

    enum CodingKeys: String, CodingKey {
        case port, domain
        case domainUUID = "domain_uuid"
        case kind, device
    }
}

/// The device of a plugged port, by stable identity (PCI addresses and VF numbers, never netdev
/// names or interface indexes, which do not survive a reboot).
public enum BoundDevice: Hashable, Sendable, Codable {
    /// VF `index` of the PF at `pf`, at PCI address `address`, passed through to the VM.
    case vf(pf: PCIAddress, index: VFIndex, address: PCIAddress)
    /// A vDPA device called `name` on VF `index` of `pf`.
    case vdpa(pf: PCIAddress, index: VFIndex, address: PCIAddress, name: VDPADeviceName)
    /// A software port (TAP or vhost-user) on the slow path; no VF.
    case software(device: String)

    /// The PF and VF number, for VF-backed devices.
    public var vf: (pf: PCIAddress, index: VFIndex, address: PCIAddress)? {
        switch self {
        case .vf(let pf, let index, let address), .vdpa(let pf, let index, let address, _): return (pf, index, address)
        case .software: return nil
        }
    }

    /// The vDPA device's name, for vDPA devices.
    public var vdpaName: VDPADeviceName? {
        if case .vdpa(_, _, _, let name) = self { return name }
        return nil
    }
}
