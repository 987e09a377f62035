import EswitchModel
import Netlink

/// How an emulated host is laid out when it starts: how many PFs, where they sit on the PCI bus,
/// how its netdevs are named, the VFs and eswitch mode it boots with, and behaviours tests tune.
public struct EmulatedHostConfiguration: Hashable, Sendable {
    /// How netdevs are named.
    public enum Naming: String, Hashable, Sendable, Codable {
        /// `pf0` (PF), `pf0v3` (VF netdev), `pf0vf3` (representor).
        case simple
        /// systemd's predictable names: `enp3s0f0np0` (PF), `enp3s0f0v3` (VF netdev); representors
        /// keep their port names (`pf0vf3`).
        case predictable
    }

    /// Physical functions to emulate; nil means one per port of the profile.
    public var physicalFunctions: Int?
    /// PCI domain of the NIC.
    public var domain: UInt16
    /// PCI bus of the NIC: PF n is `domain:bus:00.n` (0000:03:00.0, 0000:03:00.1...).
    public var bus: UInt8
    /// Netdev naming scheme.
    public var naming: Naming
    /// VFs each PF has at start (created without the mode-change ordering checks, as if set up at
    /// boot).
    public var initialVFs: Int
    /// Eswitch mode at start.
    public var eswitchMode: DevlinkEswitchMode
    /// Overrides the profile's hardware rule capacity (tests fill a small table).
    public var ruleCapacity: Int?
    /// Apply the profile's published set-up latencies through the host clock (VF creation, vDPA
    /// device creation).
    public var applyLatencies: Bool
    /// Echo the request payload in NLMSG_ERROR (a socket without NETLINK_CAP_ACK); by default
    /// errors are capped like iproute2's sockets ask.
    public var echoRequestInErrors: Bool

    public init(
        physicalFunctions: Int? = nil, domain: UInt16 = 0, bus: UInt8 = 0x03, naming: Naming = .simple,
        initialVFs: Int = 0, eswitchMode: DevlinkEswitchMode = .legacy, ruleCapacity: Int? = nil,
        applyLatencies: Bool = false, echoRequestInErrors: Bool = false
    ) {
        self.physicalFunctions = physicalFunctions
        self.domain = domain
        self.bus = bus
        self.naming = naming
        self.initialVFs = initialVFs
        self.eswitchMode = eswitchMode
        self.ruleCapacity = ruleCapacity
        self.applyLatencies = applyLatencies
        self.echoRequestInErrors = echoRequestInErrors
    }
}
