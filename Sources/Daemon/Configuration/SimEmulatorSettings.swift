/// How eswitchd runs the emulated NIC of `platform: sim:PROFILE`: the emulator process it finds or
/// starts (`eswitch-hil sim serve --state STATE_DIR/sim`) and the host that process emulates when it
/// starts. An emulator that already serves the state directory is used as it is, as a restarted
/// daemon finds the NIC as it was.
public struct SimEmulatorSettings: Hashable, Sendable {
    /// How the emulated ports reach real Linux stacks.
    public enum Backing: String, Hashable, Sendable, CaseIterable, ConfigurationValue {
        /// Netlink only: rules are installed and counted, no frames are forwarded.
        case none
        /// Every VF is a veth into a "VM" network namespace, every representor a TAP device in the
        /// node namespace; the emulator forwards frames through its hardware rules.
        case netns

        public init(parsing text: String) throws(ConfigurationValueError) {
            guard let backing = Self(rawValue: text) else { throw ConfigurationValueError("expected none or netns, found '\(text)'") }
            self = backing
        }
    }

    /// Physical functions of the emulated host.
    public var pfs: Int
    /// VFs each PF has when the emulator starts; nil: none without backing (the daemon creates
    /// them), 4 with `netns` (only VFs present at the emulator's start are backed by devices).
    public var vfs: Int?
    public var backing: Backing
    /// The node namespace (representor TAPs, VF veth ends) for `netns`.
    public var nodeNetns: String?
    /// VM namespaces are this prefix plus the VF's representor name (`vm-pf0vf0`).
    public var vmNetnsPrefix: String
    /// The underlay namespace the PFs' wires lead into; none leaves the wires unbacked.
    public var underlayNetns: String?
    /// The `eswitch-hil` executable; nil: the one beside eswitchd's own executable.
    public var emulator: String?
    /// How long a new emulator may take to answer.
    public var startTimeout: Duration

    public init(pfs: Int = 1, vfs: Int? = nil, backing: Backing = .none, nodeNetns: String? = nil, vmNetnsPrefix: String = "vm-",
                underlayNetns: String? = nil, emulator: String? = nil, startTimeout: Duration = .seconds(60)) {
        self.pfs = pfs
        self.vfs = vfs
        self.backing = backing
        self.nodeNetns = nodeNetns
        self.vmNetnsPrefix = vmNetnsPrefix
        self.underlayNetns = underlayNetns
        self.emulator = emulator
        self.startTimeout = startTimeout
    }

    /// The VFs each PF has at the emulator's start.
    public var initialVFs: Int { vfs ?? (backing == .netns ? 4 : 0) }

    /// The options of `eswitch-hil sim serve` after `--state DIR` for `profile`. With `netns` the
    /// eswitch starts in switchdev mode: the representors must exist for their devices to be made.
    public func serveArguments(profile: String) -> [String] {
        var arguments = ["--profile", profile, "--pfs", String(pfs), "--vfs", String(initialVFs)]
        guard backing == .netns, let nodeNetns else { return arguments }
        arguments += ["--switchdev", "--backing", "netns", "--node-netns", nodeNetns, "--vm-netns-prefix", vmNetnsPrefix]
        if let underlayNetns { arguments += ["--underlay-netns", underlayNetns] }
        return arguments
    }
}
