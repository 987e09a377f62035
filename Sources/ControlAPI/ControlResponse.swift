import EswitchModel

/// The daemon's answer to one `ControlRequest` (one JSON object on one line).
public enum ControlResponse: Hashable, Sendable, Codable {
    case pong(DaemonIdentity)
    /// The intent was validated and applied; the figures say what changed.
    case applied(ApplySummary)
    /// The port is attached to a device.
    case plugged(PortAttachment)
    /// The port is attached and its rules are in place.
    case verified(PortAttachment)
    case unplugged(PortID)
    /// A JSON document whose shape the request kind defines (status, rules, explain).
    case report(ControlReport)
    /// The request was refused or failed; nothing was changed.
    case failure(ControlFailure)
}

/// Who answered.
public struct DaemonIdentity: Hashable, Sendable, Codable {
    public var version: String
    public var pid: Int32
    public var platform: String

    public init(version: String, pid: Int32, platform: String) {
        self.version = version
        self.pid = pid
        self.platform = platform
    }
}

/// What applying an intent changed.
public struct ApplySummary: Hashable, Sendable, Codable {
    public var rulesAdded: Int
    public var rulesDeleted: Int
    public var rulesInHardware: Int
    public var rulesInSoftware: Int

    public init(rulesAdded: Int, rulesDeleted: Int, rulesInHardware: Int, rulesInSoftware: Int) {
        self.rulesAdded = rulesAdded
        self.rulesDeleted = rulesDeleted
        self.rulesInHardware = rulesInHardware
        self.rulesInSoftware = rulesInSoftware
    }
}

/// The device a plugged port uses.
public struct PortAttachment: Hashable, Sendable, Codable {
    public enum Device: Hashable, Sendable, Codable {
        /// A VF of `pf` (by PCI address), with its representor netdev.
        case vf(address: PCIAddress, pf: PCIAddress, index: VFIndex, representor: String)
        /// A vDPA device on a VF.
        case vdpa(name: String, vf: PCIAddress, representor: String)
        /// A software port (TAP or vhost-user).
        case software(device: String)
    }

    public var port: PortID
    public var domain: String
    public var device: Device
    public var rulesInHardware: Int
    public var rulesInSoftware: Int

    public init(port: PortID, domain: String, device: Device, rulesInHardware: Int, rulesInSoftware: Int) {
        self.port = port
        self.domain = domain
        self.device = device
        self.rulesInHardware = rulesInHardware
        self.rulesInSoftware = rulesInSoftware
    }
}

/// A report as pre-encoded JSON text, so each report kind owns its shape and the CLI can print it
/// with `-j` unchanged.
public struct ControlReport: Hashable, Sendable, Codable {
    public var json: String
    public init(json: String) { self.json = json }
}

/// Why a request failed, in one line.
public struct ControlFailure: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Machine-readable class of the failure.
    public enum Code: String, Hashable, Sendable, Codable {
        /// The caller's uid/gid is not allowed on this socket (or not for this request).
        case permissionDenied = "permission_denied"
        /// The request is malformed (bad JSON, unknown request, value out of range).
        case badRequest = "bad_request"
        /// The intent or the request names something the daemon does not know (port, VM, rule).
        case notFound = "not_found"
        /// The intent does not validate; `message` lists the problems.
        case invalidIntent = "invalid_intent"
        /// The node cannot do it now (no free VF, device busy, port held by another domain).
        case unavailable
        /// The NIC or the kernel refused; `message` carries its extack.
        case platform
        case timeout
        case `internal`
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
