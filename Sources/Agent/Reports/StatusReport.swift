import EswitchCompiler

/// The `status` report: the node's NICs, its ports, its offload coverage and the reconciler's
/// counters. Encoded as JSON with these keys (stable; new keys may be added):
///
/// - `node`: this node's name from the intent (null before one is applied);
/// - `nics`: ``NICStatus`` per managed PF;
/// - `ports`: ``PortStatus`` per local port of the intent and per plugged port;
/// - `coverage`: the compiler's counts over the rules that have filters (`hardware`, `split`,
///   `software`, `total`, `share`, `full_share`), after NIC refusals;
/// - `offload_coverage_percent`: `coverage.share` in percent, one decimal;
/// - `reconcile`: ``ReconcileCounters`` since the agent started (`adopted`, `added`, `deleted`, ...).
public struct StatusReport: Hashable, Sendable, Codable {
    public var node: String?
    public var nics: [NICStatus]
    public var ports: [PortStatus]
    public var coverage: Coverage
    public var offloadCoveragePercent: Double
    public var reconcile: ReconcileCounters

    enum CodingKeys: String, CodingKey {
        case node, nics, ports, coverage
        case offloadCoveragePercent = "offload_coverage_percent"
        case reconcile
    }
}

/// One managed PF in `status`. Keys: `pci`, `profile`, `model`, `driver`, `eswitch_mode`
/// (`legacy`, `switchdev`, or null when the driver reports none), `uplink` (``LinkReference``),
/// `vfs` (`used`, `total`: VFs that exist, `max`: TotalVFs), `vdpa_devices` (names), `setup`
/// (the steps the set-up took, e.g. `["create_vfs 8", "unbind_vfs", "switchdev", "bind_vfs"]`),
/// `error` (why the set-up failed, or null).
public struct NICStatus: Hashable, Sendable, Codable {
    public var pci: String
    public var profile: String
    public var model: String
    public var driver: String?
    public var eswitchMode: String?
    public var uplink: LinkReference?
    public var vfs: VFUsage
    public var vdpaDevices: [String]
    public var setup: [String]
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case pci, profile, model, driver
        case eswitchMode = "eswitch_mode"
        case uplink, vfs
        case vdpaDevices = "vdpa_devices"
        case setup, error
    }
}

/// VF counts of a PF: `used` (held by ports), `total` (that exist), `max` (TotalVFs).
public struct VFUsage: Hashable, Sendable, Codable {
    public var used: Int
    public var total: Int
    public var max: Int
}

/// A netdev: `ifindex` (its identity now) and `name` (for people; empty when unknown).
public struct LinkReference: Hashable, Sendable, Codable {
    public var ifindex: UInt32
    public var name: String
}

/// One port in `status`. Keys: `port`, `vm` (from the intent), `domain` (the libvirt domain that
/// plugged it), `binding` (`vf`, `vdpa`, `software` from the intent), `state` (`plugged`,
/// `unplugged`, `not_in_intent` for a plugged port the intent dropped), `device`
/// (``PortDeviceStatus``), `representor` (``LinkReference``), `rules` (``RuleCounts``),
/// `packets` (``PacketCounts`` over the port's filters), `coverage_percent` (of its rules with
/// filters, null when none).
public struct PortStatus: Hashable, Sendable, Codable {
    public var port: String
    public var vm: String?
    public var domain: String?
    public var binding: String?
    public var state: String
    public var device: PortDeviceStatus?
    public var representor: LinkReference?
    public var rules: RuleCounts
    public var packets: PacketCounts
    public var coveragePercent: Double?

    enum CodingKeys: String, CodingKey {
        case port, vm, domain, binding, state, device, representor, rules, packets
        case coveragePercent = "coverage_percent"
    }
}

/// The device of a plugged port: `kind` (`vf`, `vdpa`, `software`), `pf`, `vf` (number), `pci`
/// (the VF's address), `vdpa` (device name), `name` (software device).
public struct PortDeviceStatus: Hashable, Sendable, Codable {
    public var kind: String
    public var pf: String?
    public var vf: UInt32?
    public var pci: String?
    public var vdpa: String?
    public var name: String?
}

/// A port's rules by where they run now, read from the kernel: `hardware` (a filter of the rule is
/// in the NIC: hardware or split), `software` (installed, none in the NIC), `not_installed` (no
/// filter: port not plugged, a device missing, or the kernel refused it).
public struct RuleCounts: Hashable, Sendable, Codable {
    public var hardware = 0
    public var software = 0
    public var notInstalled = 0

    enum CodingKeys: String, CodingKey {
        case hardware, software
        case notInstalled = "not_installed"
    }
}
