import EswitchModel
import Netlink

/// A small description of how an emulated host starts, read from a YAML or JSON file by the CLI
/// (`eswitchctl netlink send --setup FILE`) and by tests:
///
/// ```yaml
/// pfs: 1                      # physical functions (default: one per port of the profile)
/// vfs: 4                      # VFs per PF at start
/// eswitch_mode: switchdev     # legacy (default) or switchdev
/// naming: simple              # simple (pf0, pf0vf3) or predictable (enp3s0f0np0)
/// rule_capacity: 1000         # override the profile's hardware table size
/// links:                      # virtual links to create
///   - {name: vxlan0, kind: vxlan, vni: 100}
///   - {name: br0, kind: bridge}
/// ifindexes: {pf0vf0: 2, pf0vf1: 3, pf0: 5}   # give links these interface indexes
/// qdiscs: [{dev: pf0vf1, kind: ingress}]
/// ```
public struct SimNICSetup: Hashable, Sendable, Codable {
    /// A virtual link to create at start.
    public struct Link: Hashable, Sendable, Codable {
        public var name: String
        /// vxlan, veth, dummy or bridge.
        public var kind: String
        /// The VNI of a vxlan link.
        public var vni: UInt32?
        /// The UDP port of a vxlan link (default 4789).
        public var port: UInt16?
        /// The peer name of a veth link.
        public var peer: String?

        public init(name: String, kind: String, vni: UInt32? = nil, port: UInt16? = nil, peer: String? = nil) {
            self.name = name
            self.kind = kind
            self.vni = vni
            self.port = port
            self.peer = peer
        }
    }

    /// A qdisc to add at start.
    public struct Qdisc: Hashable, Sendable, Codable {
        public var dev: String
        /// ingress or clsact.
        public var kind: String

        public init(dev: String, kind: String) {
            self.dev = dev
            self.kind = kind
        }
    }

    public var pfs: Int?
    public var vfs: Int?
    public var eswitchMode: String?
    public var naming: EmulatedHostConfiguration.Naming?
    public var ruleCapacity: Int?
    public var links: [Link]?
    public var ifindexes: [String: UInt32]?
    public var qdiscs: [Qdisc]?

    public init(pfs: Int? = nil, vfs: Int? = nil, eswitchMode: String? = nil, naming: EmulatedHostConfiguration.Naming? = nil,
                ruleCapacity: Int? = nil, links: [Link]? = nil, ifindexes: [String: UInt32]? = nil, qdiscs: [Qdisc]? = nil) {
        self.pfs = pfs
        self.vfs = vfs
        self.eswitchMode = eswitchMode
        self.naming = naming
        self.ruleCapacity = ruleCapacity
        self.links = links
        self.ifindexes = ifindexes
        self.qdiscs = qdiscs
    }

    enum CodingKeys: String, CodingKey {
        case pfs, vfs, naming, links, ifindexes, qdiscs
        case eswitchMode = "eswitch_mode"
        case ruleCapacity = "rule_capacity"
    }

    /// Builds the host this setup describes on `profile`.
    ///
    /// - Throws: ``SimNICError`` naming what cannot be done (an unknown mode, a link that cannot
    ///   be created, an interface index taken twice, a qdisc on a missing device).
    public func host(profile: HardwareProfile, clock: any SimNICClock = ManualClock()) throws(SimNICError) -> EmulatedHost {
        var mode = DevlinkEswitchMode.legacy
        if let word = eswitchMode {
            guard let named = DevlinkEswitchMode(name: word) else {
                throw SimNICError(.invalidArgument, "eswitch_mode '\(word)' is not legacy or switchdev")
            }
            mode = named
        }
        if let pfs, pfs < 0 { throw SimNICError(.invalidArgument, "pfs must not be negative") }
        if let vfs, vfs < 0 { throw SimNICError(.invalidArgument, "vfs must not be negative") }
        var host = EmulatedHost(profile: profile, configuration: EmulatedHostConfiguration(
            physicalFunctions: pfs, naming: naming ?? .simple, initialVFs: vfs ?? 0, eswitchMode: mode, ruleCapacity: ruleCapacity), clock: clock)
        for link in links ?? [] {
            var info: [LinkInfoAttribute] = [.kind(link.kind)]
            if link.kind == "vxlan" {
                // Without a VNI the device is in external (collect metadata) mode, as OVS and tc use it.
                let identity: VXLANAttribute = link.vni.map { .id(VNI(rawValue: $0)) } ?? .collectMetadata(true)
                info.append(.data(.vxlan([identity, .port(link.port ?? 4789)])))
            }
            if link.kind == "veth", let peer = link.peer {
                info.append(.data(.veth([.peer(LinkMessage(attributes: [.ifname(peer)]))])))
            }
            do throws(SimNICError) {
                try host.createLink(name: link.name, info: LinkInfo(info))
            } catch {
                throw SimNICError(error.errno, "link \(link.name): \(error.message ?? error.errno.description)")
            }
        }
        if let ifindexes, !ifindexes.isEmpty {
            try host.renumber(ifindexes.mapValues { IfIndex($0) })
        }
        for qdisc in qdiscs ?? [] {
            guard let link = host.link(named: qdisc.dev) else { throw SimNICError(.noSuchDevice, "qdisc on \(qdisc.dev): no such device") }
            try host.addQdisc(qdisc.kind, on: link.ifindex)
        }
        host.events.removeAll()
        return host
    }
}
