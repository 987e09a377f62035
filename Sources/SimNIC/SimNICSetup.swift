import EswitchModel
import Netlink
import Platform

/// A small description of how an emulated host starts, read from a YAML or JSON file by the CLI
/// (`eswitchctl netlink send --setup FILE`) and by tests:
///
/// ```yaml
/// pfs: 1                      # physical functions (default: one per port of the profile)
/// vfs: 4                      # VFs per PF at start
/// unbound_vfs: true           # the VFs start unbound from their driver (sriov_drivers_autoprobe=0)
/// eswitch_mode: switchdev     # legacy (default) or switchdev
/// naming: simple              # simple (pf0, pf0vf3) or predictable (enp3s0f0np0)
/// rule_capacity: 1000         # override the profile's hardware table size
/// links:                      # virtual links to create
///   - {name: vxlan0, kind: vxlan, vni: 100}
///   - {name: br0, kind: bridge}
/// ifindexes: {pf0vf0: 2, pf0vf1: 3, pf0: 5}   # give links these interface indexes
/// qdiscs: [{dev: pf0vf1, kind: ingress}]
/// faults: {insertion: EIO, mode_change: EIO, numvfs_change: EBUSY}   # one-shot faults armed at start
/// latencies: true             # the profile's set-up latencies pass on the host's clock
/// ```
///
/// Decoding is strict: a key the setup does not know is an error naming it (a misspelt key must
/// not leave the host silently different from what the file says).
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

        enum CodingKeys: String, CodingKey, CaseIterable { case name, kind, vni, port, peer }

        public init(from decoder: Decoder) throws {
            try SimNICSetup.rejectUnknownKeys(decoder, known: CodingKeys.allCases)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            kind = try c.decode(String.self, forKey: .kind)
            vni = try c.decodeIfPresent(UInt32.self, forKey: .vni)
            port = try c.decodeIfPresent(UInt16.self, forKey: .port)
            peer = try c.decodeIfPresent(String.self, forKey: .peer)
        }

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

        enum CodingKeys: String, CodingKey, CaseIterable { case dev, kind }

        public init(from decoder: Decoder) throws {
            try SimNICSetup.rejectUnknownKeys(decoder, known: CodingKeys.allCases)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            dev = try c.decode(String.self, forKey: .dev)
            kind = try c.decode(String.self, forKey: .kind)
        }

        public init(dev: String, kind: String) {
            self.dev = dev
            self.kind = kind
        }
    }

    /// One-shot faults armed when the host starts (``SimNICFaults``), by errno name.
    public struct Faults: Hashable, Sendable, Codable {
        /// The next hardware insertion of a tc filter fails with this errno (ENOSPC, EIO...).
        public var insertion: String?
        /// The next eswitch mode change fails with this errno after the driver's checks.
        public var modeChange: String?
        /// The next sriov_numvfs write fails with this errno.
        public var numVFsChange: String?

        public init(insertion: String? = nil, modeChange: String? = nil, numVFsChange: String? = nil) {
            self.insertion = insertion
            self.modeChange = modeChange
            self.numVFsChange = numVFsChange
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case insertion
            case modeChange = "mode_change"
            case numVFsChange = "numvfs_change"
        }

        public init(from decoder: Decoder) throws {
            try SimNICSetup.rejectUnknownKeys(decoder, known: CodingKeys.allCases)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            insertion = try c.decodeIfPresent(String.self, forKey: .insertion)
            modeChange = try c.decodeIfPresent(String.self, forKey: .modeChange)
            numVFsChange = try c.decodeIfPresent(String.self, forKey: .numVFsChange)
        }

        /// The faults to arm; a name that is no errno is an error naming it.
        func armed() throws(SimNICError) -> SimNICFaults {
            func error(_ name: String?, _ key: String) throws(SimNICError) -> SimNICError? {
                guard let name else { return nil }
                guard let errno = (Int32(1)...133).lazy.map({ Errno($0) }).first(where: { (candidate: Errno) in candidate.name == Optional(name) }) else {
                    throw SimNICError(.invalidArgument, "faults.\(key): '\(name)' is not an errno name (ENOSPC, EIO, EBUSY...)")
                }
                return SimNICError(errno, "injected fault")
            }
            var faults = SimNICFaults()
            faults.nextInsertion = try error(insertion, "insertion")
            faults.nextModeChange = try error(modeChange, "mode_change")
            faults.nextNumVFsChange = try error(numVFsChange, "numvfs_change")
            return faults
        }
    }

    public var pfs: Int?
    public var vfs: Int?
    /// The VFs start unbound from their driver (created with sriov_drivers_autoprobe 0).
    public var unboundVFs: Bool?
    public var eswitchMode: String?
    public var naming: EmulatedHostConfiguration.Naming?
    public var ruleCapacity: Int?
    public var links: [Link]?
    public var ifindexes: [String: UInt32]?
    public var qdiscs: [Qdisc]?
    public var faults: Faults?
    /// Apply the profile's set-up latencies (VF and vDPA device creation) on the host's clock.
    public var latencies: Bool?

    public init(pfs: Int? = nil, vfs: Int? = nil, unboundVFs: Bool? = nil, eswitchMode: String? = nil, naming: EmulatedHostConfiguration.Naming? = nil,
                ruleCapacity: Int? = nil, links: [Link]? = nil, ifindexes: [String: UInt32]? = nil, qdiscs: [Qdisc]? = nil,
                faults: Faults? = nil, latencies: Bool? = nil) {
        self.pfs = pfs
        self.vfs = vfs
        self.unboundVFs = unboundVFs
        self.eswitchMode = eswitchMode
        self.naming = naming
        self.ruleCapacity = ruleCapacity
        self.links = links
        self.ifindexes = ifindexes
        self.qdiscs = qdiscs
        self.faults = faults
        self.latencies = latencies
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case pfs, vfs, naming, links, ifindexes, qdiscs, faults, latencies
        case unboundVFs = "unbound_vfs"
        case eswitchMode = "eswitch_mode"
        case ruleCapacity = "rule_capacity"
    }

    public init(from decoder: Decoder) throws {
        try Self.rejectUnknownKeys(decoder, known: CodingKeys.allCases)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        pfs = try c.decodeIfPresent(Int.self, forKey: .pfs)
        vfs = try c.decodeIfPresent(Int.self, forKey: .vfs)
        unboundVFs = try c.decodeIfPresent(Bool.self, forKey: .unboundVFs)
        eswitchMode = try c.decodeIfPresent(String.self, forKey: .eswitchMode)
        naming = try c.decodeIfPresent(EmulatedHostConfiguration.Naming.self, forKey: .naming)
        ruleCapacity = try c.decodeIfPresent(Int.self, forKey: .ruleCapacity)
        links = try c.decodeIfPresent([Link].self, forKey: .links)
        ifindexes = try c.decodeIfPresent([String: UInt32].self, forKey: .ifindexes)
        qdiscs = try c.decodeIfPresent([Qdisc].self, forKey: .qdiscs)
        faults = try c.decodeIfPresent(Faults.self, forKey: .faults)
        latencies = try c.decodeIfPresent(Bool.self, forKey: .latencies)
    }

    /// Throws a decoding error naming the first key of the object being decoded that is not one of
    /// `known`.
    static func rejectUnknownKeys<K: CodingKey>(_ decoder: Decoder, known: [K]) throws {
        let names = Set(known.map(\.stringValue))
        let c = try decoder.container(keyedBy: SetupKey.self)
        if let unknown = c.allKeys.map(\.stringValue).sorted().first(where: { !names.contains($0) }) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "unknown key '\(unknown)' (known: \(names.sorted().joined(separator: ", ")))"))
        }
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
        if let ruleCapacity, ruleCapacity < 0 { throw SimNICError(.invalidArgument, "rule_capacity must not be negative") }
        var host = EmulatedHost(profile: profile, configuration: EmulatedHostConfiguration(
            physicalFunctions: pfs, naming: naming ?? .simple, initialVFs: vfs ?? 0, eswitchMode: mode, ruleCapacity: ruleCapacity,
            applyLatencies: latencies ?? false), clock: clock)
        if unboundVFs == true {
            for index in host.physicalFunctions.indices {
                host.physicalFunctions[index].driversAutoprobe = false
                for vf in host.physicalFunctions[index].vfs { try host.unbindVF(at: vf.address) }
            }
        }
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
        if let faults { host.faults = try faults.armed() }
        host.events.removeAll()
        return host
    }
}

/// Any key of a setup object (to find the ones the setup does not know).
struct SetupKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
