import ControlAPI
import EswitchModel

/// One `<interface>` of a domain, as far as eswitch cares.
public struct DomainInterface: Hashable, Sendable {
    /// The `type` attribute as written (`hostdev`, `vdpa`, `bridge`...).
    public var type: String
    /// The kind eswitch can attach, or nil for other types (bridge, network, direct, user...).
    public var kind: InterfaceKind? { InterfaceKind(rawValue: type) }
    /// `<mac address=...>`, nil when missing or malformed.
    public var mac: MACAddress?
    /// For `hostdev`: the VF from `<source><address type='pci' .../>`.
    public var sourceVF: PCIAddress?
    /// `<target dev=...>` (the TAP name of an ethernet interface).
    public var targetDevice: String?
    /// The line of the element in the XML (for messages).
    public var line: Int

    public init(type: String, mac: MACAddress?, sourceVF: PCIAddress? = nil, targetDevice: String? = nil, line: Int = 0) {
        self.type = type
        self.mac = mac
        self.sourceVF = sourceVF
        self.targetDevice = targetDevice
        self.line = line
    }
}
