import ControlAPI
import EswitchModel

/// What the daemon must not lose across a crash or restart: the intent it was given and which
/// VM interface holds which port and device. Everything else (rules, device state) is derived
/// from these and the host by reconciling.
public struct DaemonState: Codable, Hashable, Sendable {
    /// Grows with every change; the store never replaces a newer state with an older one, so
    /// concurrent requests may save in any order.
    public var generation: UInt64
    /// The intent as last applied (nil before the first `apply`).
    public var intent: IntentDocument?
    /// The plugged ports, one per port id, in port order.
    public var bindings: [PortBinding]

    public init(generation: UInt64 = 0, intent: IntentDocument? = nil, bindings: [PortBinding] = []) {
        self.generation = generation
        self.intent = intent
        self.bindings = bindings
    }
}

/// One plugged VM interface: what the hook asked for and the device it got.
public struct PortBinding: Codable, Hashable, Sendable {
    public var request: PlugRequest
    public var device: PortAttachment.Device

    public init(request: PlugRequest, device: PortAttachment.Device) {
        self.request = request
        self.device = device
    }
}
