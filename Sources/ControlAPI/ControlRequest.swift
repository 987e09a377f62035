import EswitchModel

/// One request to eswitchd over its local API (a JSON object on one line, see `ControlFraming`).
///
/// The read-only socket accepts only the requests whose `isReadOnly` is true.
public enum ControlRequest: Hashable, Sendable, Codable {
    /// Liveness check; answered with `.pong`.
    case ping
    /// Replace the whole intent with the document (YAML or JSON text, validated by the daemon).
    case applyIntent(IntentDocument)
    /// Attach a VM interface to its network port (libvirt hook, `prepare begin`).
    case plug(PlugRequest)
    /// Check that a plugged port is ready (libvirt hook, `started begin`).
    case verify(PortID)
    /// Detach a port and release its device (libvirt hook, `stopped end` / `release end`).
    case unplug(UnplugRequest)
    /// The node's NICs, ports and reconciler figures.
    case status
    /// The installed and software rules, optionally only one placement.
    case rules(RulesQuery)
    /// Why a port's or a rule's traffic is (not) in hardware.
    case explain(ExplainTarget)

    /// True for requests that change nothing (allowed on the read-only socket).
    public var isReadOnly: Bool {
        switch self {
        case .ping, .status, .rules, .explain, .verify: return true
        case .applyIntent, .plug, .unplug: return false
        }
    }
}

/// An intent document as the operator wrote it; the daemon parses and validates it.
public struct IntentDocument: Hashable, Sendable, Codable {
    /// The syntax of `text`.
    public enum Format: String, Hashable, Sendable, Codable { case yaml, json }
    public var format: Format
    public var text: String
    /// A name for error messages (usually the file path).
    public var source: String

    public init(format: Format, text: String, source: String) {
        self.format = format
        self.text = text
        self.source = source
    }
}

/// What a VM interface is, as the domain XML says.
public enum InterfaceKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// `<interface type='hostdev'>`: an SR-IOV VF passed through.
    case hostdev
    /// `<interface type='vdpa'>`: a vDPA device (virtio in the guest, hardware data path).
    case vdpa
    /// `<interface type='ethernet'>`: a TAP device on the software path.
    case ethernet
    /// `<interface type='vhostuser'>`: a vhost-user socket on the software path.
    case vhostuser
}

/// A request to attach one VM interface to its port.
public struct PlugRequest: Hashable, Sendable, Codable {
    public var port: PortID
    /// The libvirt domain name.
    public var domain: String
    /// The libvirt domain UUID, when the XML has one.
    public var domainUUID: String?
    public var kind: InterfaceKind
    /// The MAC address the domain XML gives the interface, checked against the intent.
    public var mac: MACAddress?
    /// The VF the domain XML names (hostdev source address); nil lets the daemon pick a free VF.
    public var requestedVF: PCIAddress?
    /// The host-side device name for ethernet/vhostuser interfaces (`<target dev=...>`).
    public var targetDevice: String?

    public init(port: PortID, domain: String, domainUUID: String? = nil, kind: InterfaceKind, mac: MACAddress? = nil,
                requestedVF: PCIAddress? = nil, targetDevice: String? = nil) {
        self.port = port
        self.domain = domain
        self.domainUUID = domainUUID
        self.kind = kind
        self.mac = mac
        self.requestedVF = requestedVF
        self.targetDevice = targetDevice
    }
}

/// A request to detach a port; `domain` guards against releasing a port another VM holds now.
public struct UnplugRequest: Hashable, Sendable, Codable {
    public var port: PortID
    public var domain: String

    public init(port: PortID, domain: String) {
        self.port = port
        self.domain = domain
    }
}

/// Which rules `rules` lists.
public struct RulesQuery: Hashable, Sendable, Codable {
    /// nil: all rules.
    public var placement: RulePlacementFilter?
    /// nil: every port.
    public var port: PortID?

    public init(placement: RulePlacementFilter? = nil, port: PortID? = nil) {
        self.placement = placement
        self.port = port
    }
}

/// `--type hw|sw`.
public enum RulePlacementFilter: String, Hashable, Sendable, Codable, CaseIterable {
    case hardware = "hw"
    case software = "sw"
}

/// The subject of `explain`.
public enum ExplainTarget: Hashable, Sendable, Codable {
    case port(PortID)
    /// A rule by its textual id as `rules` prints it.
    case rule(String)
}
