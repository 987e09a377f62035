import EswitchModel
import Yams

/// Walks the YAML node tree of a hardware profile, building the model and collecting every problem
/// (unknown key, wrong type, unknown vocabulary, missing key) with its path instead of stopping at the
/// first, which is what Codable would do.
struct HardwareProfileReader {
    let text: String
    private(set) var issues: [HardwareProfileIssue] = []
    /// The line each path was read from, so consistency problems found later can point at it.
    private var lines: [String: Int] = [:]

    init(text: String) { self.text = text }

    // MARK: Document

    mutating func read() -> HardwareProfile? {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                fail("", "empty document, expected a mapping of profile keys")
                return nil
            }
            root = node
        } catch let error as YamlError {
            fail("", "not valid YAML or JSON: \(Self.summary(of: error))", line: Self.line(of: error))
            return nil
        } catch {
            fail("", "not valid YAML or JSON: \(error)")
            return nil
        }
        return profile(root)
    }

    /// Attaches the line a path was read from to a problem found after reading.
    func locate(_ issue: HardwareProfileIssue) -> HardwareProfileIssue {
        var located = issue
        var path = issue.path
        while located.line == nil && !path.isEmpty {
            located.line = lines[path]
            path = Self.parent(of: path)
        }
        return located
    }

    // MARK: Profile sections

    private mutating func profile(_ node: Node) -> HardwareProfile? {
        guard let f = fields(node, "", required: ["id", "name", "vendor", "model", "ports", "switchdev", "match_keys",
                                                  "actions", "prefix_match", "tunnels", "chains", "rule_capacity"],
                             optional: ["driver", "pci", "sriov", "mode_change", "vdpa", "max_actions_per_rule",
                                        "ct_offload", "insertion_rates", "latencies"]) else { return nil }
        let id = read(f, "id") { $0.string($1, $2) }
        let name = read(f, "name") { $0.string($1, $2) }
        let vendor = read(f, "vendor") { $0.string($1, $2) }
        let model = read(f, "model") { $0.string($1, $2) }
        let driver = read(f, "driver") { $0.string($1, $2) }
        let pci = read(f, "pci") { $0.pciIdentity($1, $2) }
        let ports = read(f, "ports") { $0.int($1, $2) }
        let sriov = read(f, "sriov") { $0.sriov($1, $2) }
        let switchdev = read(f, "switchdev") { $0.bool($1, $2) }
        let modeChange = read(f, "mode_change") { $0.modeChangeRules($1, $2) }
        let vdpa = read(f, "vdpa") { $0.vdpa($1, $2) }
        let keys = read(f, "match_keys") { $0.list($1, $2) { r, n, p in r.keySupport(n, p) } }
        let actions = read(f, "actions") { $0.list($1, $2) { r, n, p in r.actionSupport(n, p) } }
        let maxActions = read(f, "max_actions_per_rule") { $0.int($1, $2) }
        let prefixMatch = read(f, "prefix_match") { $0.bool($1, $2) }
        let tunnels = read(f, "tunnels") { $0.tunnels($1, $2) }
        let ct = read(f, "ct_offload") { $0.ctOffload($1, $2) }
        let chains = read(f, "chains") { $0.chains($1, $2) }
        let capacity = read(f, "rule_capacity") { $0.int($1, $2) }
        let rates = read(f, "insertion_rates") { $0.list($1, $2) { r, n, p in r.insertionRate(n, p) } }
        let latencies = read(f, "latencies") { $0.latencies($1, $2) }

        // Optional sections that were present but unreadable already left an issue; the profile is
        // only built when every required part could be read.
        guard let id, let name, let vendor, let model, let ports, let switchdev, let keys, let actions,
              let prefixMatch, let tunnels, let chains, let capacity else { return nil }
        return HardwareProfile(
            id: HardwareProfileID(id), name: name, vendor: vendor, model: model, driver: driver, pci: pci,
            ports: ports, sriov: sriov, switchdev: switchdev, modeChangeRules: modeChange, vdpa: vdpa,
            matchKeys: keys, actions: actions, maxActionsPerRule: maxActions, prefixMatch: prefixMatch,
            tunnels: tunnels, ctOffload: ct, chains: chains, ruleCapacity: capacity,
            insertionRates: rates ?? [], latencies: latencies)
    }

    private mutating func pciIdentity(_ node: Node, _ path: String) -> HardwareProfile.PCIIdentity? {
        guard let f = fields(node, path, required: ["vendor_id", "pf_device_ids", "vf_device_ids"]) else { return nil }
        let vendor = read(f, "vendor_id") { $0.hex16($1, $2) }.map(PCIVendorID.init(rawValue:))
        let pfs = read(f, "pf_device_ids") { $0.list($1, $2) { r, n, p in r.hex16(n, p).map(PCIDeviceID.init(rawValue:)) } }
        let vfs = read(f, "vf_device_ids") { $0.list($1, $2) { r, n, p in r.hex16(n, p).map(PCIDeviceID.init(rawValue:)) } }
        guard let vendor, let pfs, let vfs else { return nil }
        return .init(vendorID: vendor, pfDeviceIDs: pfs, vfDeviceIDs: vfs)
    }

    private mutating func sriov(_ node: Node, _ path: String) -> HardwareProfile.SRIOV? {
        guard let f = fields(node, path, required: ["max_vfs_per_pf", "vf_rate_limit"]) else { return nil }
        let maxVFs = read(f, "max_vfs_per_pf") { $0.int($1, $2) }
        let rateLimit = read(f, "vf_rate_limit") { $0.bool($1, $2) }
        guard let maxVFs, let rateLimit else { return nil }
        return .init(maxVFsPerPF: maxVFs, vfRateLimit: rateLimit)
    }

    private mutating func modeChangeRules(_ node: Node, _ path: String) -> HardwareProfile.ModeChangeRules? {
        guard let f = fields(node, path, required: ["vfs", "eswitch_manager"], optional: ["preconditions"]) else { return nil }
        let vfs = read(f, "vfs") { $0.word($1, $2, HardwareProfile.ModeChangeRules.VFState.self, "VF state") }
        let manager = read(f, "eswitch_manager") { $0.word($1, $2, HardwareProfile.ModeChangeRules.EswitchManager.self, "eswitch manager") }
        let preconditions = read(f, "preconditions") { $0.list($1, $2) { r, n, p in r.string(n, p) } }
        guard let vfs, let manager else { return nil }
        return .init(vfs: vfs, eswitchManager: manager, preconditions: preconditions ?? [])
    }

    private mutating func vdpa(_ node: Node, _ path: String) -> HardwareProfile.VDPA? {
        guard let f = fields(node, path, required: ["driver", "max_devices_per_pf", "max_virtqueues"]) else { return nil }
        let driver = read(f, "driver") { $0.string($1, $2) }
        let devices = read(f, "max_devices_per_pf") { $0.int($1, $2) }
        let queues = read(f, "max_virtqueues") { $0.int($1, $2) }
        guard let driver, let devices, let queues else { return nil }
        return .init(driver: driver, maxDevicesPerPF: devices, maxVirtqueues: queues)
    }

    /// A key entry: either `dst_mac` or `{key: enc_key_id, only_on: [tunnel_device]}`.
    private mutating func keySupport(_ node: Node, _ path: String) -> HardwareProfile.KeySupport? {
        if case .scalar = node {
            return word(node, path, FlowerKey.self, "flower key").map { HardwareProfile.KeySupport($0) }
        }
        guard let f = fields(node, path, required: ["key"], optional: ["only_on"]) else { return nil }
        let key = read(f, "key") { $0.word($1, $2, FlowerKey.self, "flower key") }
        let onlyOn = read(f, "only_on") { $0.portKinds($1, $2) }
        guard let key, f["only_on"] == nil || onlyOn != nil else { return nil }
        return .init(key, onlyOn: onlyOn)
    }

    /// An action entry: either `drop` or `{action: tunnel_key_set, only_on: [vf_representor]}`.
    private mutating func actionSupport(_ node: Node, _ path: String) -> HardwareProfile.ActionSupport? {
        if case .scalar = node {
            return word(node, path, OffloadAction.self, "action").map { HardwareProfile.ActionSupport($0) }
        }
        guard let f = fields(node, path, required: ["action"], optional: ["only_on"]) else { return nil }
        let action = read(f, "action") { $0.word($1, $2, OffloadAction.self, "action") }
        let onlyOn = read(f, "only_on") { $0.portKinds($1, $2) }
        guard let action, f["only_on"] == nil || onlyOn != nil else { return nil }
        return .init(action, onlyOn: onlyOn)
    }

    private mutating func portKinds(_ node: Node, _ path: String) -> Set<PortKind>? {
        guard let kinds = list(node, path, { r, n, p in r.word(n, p, PortKind.self, "port kind") }) else { return nil }
        var seen: Set<PortKind> = []
        for (i, kind) in kinds.enumerated() where !seen.insert(kind).inserted {
            fail("\(path)[\(i)]", "duplicate port kind \(kind.rawValue)", node)
        }
        return seen
    }

    private mutating func tunnels(_ node: Node, _ path: String) -> HardwareProfile.Tunnels? {
        guard let f = fields(node, path, required: ["vxlan", "geneve", "gre", "ipv6_underlay"]) else { return nil }
        let vxlan = read(f, "vxlan") { $0.tunnelSupport($1, $2) }
        let geneve = read(f, "geneve") { $0.tunnelSupport($1, $2) }
        let gre = read(f, "gre") { $0.tunnelSupport($1, $2) }
        let ipv6 = read(f, "ipv6_underlay") { $0.bool($1, $2) }
        guard let vxlan, let geneve, let gre, let ipv6 else { return nil }
        return .init(vxlan: vxlan, geneve: geneve, gre: gre, ipv6Underlay: ipv6)
    }

    private mutating func tunnelSupport(_ node: Node, _ path: String) -> HardwareProfile.TunnelSupport? {
        guard let f = fields(node, path, required: ["encap", "decap", "match"]) else { return nil }
        let encap = read(f, "encap") { $0.bool($1, $2) }
        let decap = read(f, "decap") { $0.bool($1, $2) }
        let match = read(f, "match") { $0.bool($1, $2) }
        guard let encap, let decap, let match else { return nil }
        return .init(encap: encap, decap: decap, match: match)
    }

    private mutating func ctOffload(_ node: Node, _ path: String) -> HardwareProfile.CTOffload? {
        guard let f = fields(node, path, required: ["nat", "protocols"], optional: ["connections_per_second"]) else { return nil }
        let nat = read(f, "nat") { $0.bool($1, $2) }
        let protocols = read(f, "protocols") { $0.list($1, $2) { r, n, p in r.string(n, p) } }
        let rate = read(f, "connections_per_second") { $0.int($1, $2) }
        guard let nat, let protocols else { return nil }
        return .init(nat: nat, protocols: protocols, connectionsPerSecond: rate)
    }

    private mutating func chains(_ node: Node, _ path: String) -> HardwareProfile.Chains? {
        guard let f = fields(node, path, required: ["goto_chain", "max_chain", "max_priority", "priorities_honored"]) else { return nil }
        let gotoChain = read(f, "goto_chain") { $0.bool($1, $2) }
        let maxChain = read(f, "max_chain") { $0.int($1, $2, range: 0...Int(UInt32.max)) }
        let maxPriority = read(f, "max_priority") { $0.int($1, $2, range: 0...Int(UInt16.max)) }
        let honored = read(f, "priorities_honored") { $0.bool($1, $2) }
        guard let gotoChain, let maxChain, let maxPriority, let honored else { return nil }
        return .init(gotoChain: gotoChain, maxChain: UInt32(maxChain), maxPriority: UInt16(maxPriority), prioritiesHonored: honored)
    }

    private mutating func insertionRate(_ node: Node, _ path: String) -> HardwareProfile.InsertionRate? {
        guard let f = fields(node, path, required: ["steering", "rules_per_second"]) else { return nil }
        let steering = read(f, "steering") { $0.word($1, $2, HardwareProfile.InsertionRate.Steering.self, "steering engine") }
        let rate = read(f, "rules_per_second") { $0.int($1, $2) }
        guard let steering, let rate else { return nil }
        return .init(steering: steering, rulesPerSecond: rate)
    }

    private mutating func latencies(_ node: Node, _ path: String) -> HardwareProfile.Latencies? {
        guard let f = fields(node, path, required: [], optional: ["vf_create_ms", "vdpa_create_ms"]) else { return nil }
        let vf = read(f, "vf_create_ms") { $0.int($1, $2) }
        let vdpa = read(f, "vdpa_create_ms") { $0.int($1, $2) }
        if (f["vf_create_ms"] != nil && vf == nil) || (f["vdpa_create_ms"] != nil && vdpa == nil) { return nil }
        return .init(vfCreateMS: vf, vdpaCreateMS: vdpa)
    }

    // MARK: Shapes

    /// The known keys of a mapping, after reporting unknown and missing ones. Explicit nulls count as absent.
    private mutating func fields(_ node: Node, _ path: String, required: [String], optional: [String] = []) -> Fields? {
        guard case .mapping(let mapping) = node else {
            fail(path, "expected a mapping, found \(Self.describe(node))", node)
            return nil
        }
        remember(path, node)
        let known = required + optional
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                fail(path, "mapping keys must be plain words, found \(Self.describe(keyNode))", keyNode)
                continue
            }
            let key = scalar.string
            let keyPath = Self.join(path, key)
            guard known.contains(key) else {
                fail(keyPath, "unknown key (expected one of: \(known.joined(separator: ", ")))", keyNode)
                continue
            }
            remember(keyPath, value)
            if Self.isNull(value) {
                if required.contains(key) { fail(keyPath, "expected a value, found null", value) }
                continue
            }
            values[key] = value
        }
        for key in required where values[key] == nil && mapping[key] == nil {
            fail(Self.join(path, key), "missing required key", node)
        }
        return Fields(path: path, values: values)
    }

    private struct Fields {
        let path: String
        let values: [String: Node]
        subscript(key: String) -> Node? { values[key] }
    }

    /// Reads the value under `key` when present (its absence was already judged by `fields`).
    private mutating func read<T>(_ f: Fields, _ key: String, _ reader: (inout Self, Node, String) -> T?) -> T? {
        guard let node = f[key] else { return nil }
        return reader(&self, node, Self.join(f.path, key))
    }

    private mutating func list<T>(_ node: Node, _ path: String, _ element: (inout Self, Node, String) -> T?) -> [T]? {
        guard case .sequence(let sequence) = node else {
            fail(path, "expected a list, found \(Self.describe(node))", node)
            return nil
        }
        var out: [T] = []
        var complete = true
        for (i, item) in sequence.enumerated() {
            let itemPath = "\(path)[\(i)]"
            remember(itemPath, item)
            if let value = element(&self, item, itemPath) { out.append(value) } else { complete = false }
        }
        return complete ? out : nil
    }

    // MARK: Scalars

    private mutating func string(_ node: Node, _ path: String) -> String? {
        guard case .scalar(let scalar) = node, scalar.style != .plain || !Self.looksTyped(scalar.string) else {
            fail(path, "expected a string, found \(Self.describe(node))", node)
            return nil
        }
        return scalar.string
    }

    private mutating func int(_ node: Node, _ path: String, range: ClosedRange<Int> = 0...Int.max) -> Int? {
        guard case .scalar(let scalar) = node, scalar.style == .plain,
              let value = Self.decimal(scalar.string) else {
            fail(path, "expected a whole number, found \(Self.describe(node))", node)
            return nil
        }
        guard range.contains(value) else {
            fail(path, "\(value) is out of range \(range.lowerBound)...\(range.upperBound)", node)
            return nil
        }
        return value
    }

    private mutating func bool(_ node: Node, _ path: String) -> Bool? {
        if case .scalar(let scalar) = node, scalar.style == .plain {
            if scalar.string == "true" { return true }
            if scalar.string == "false" { return false }
        }
        fail(path, "expected true or false, found \(Self.describe(node))", node)
        return nil
    }

    /// A 16-bit PCI id written as hex (`0x15b3`), quoted or not, as lspci -n shows it.
    private mutating func hex16(_ node: Node, _ path: String) -> UInt16? {
        guard case .scalar(let scalar) = node, let value = PCIVendorID(hex: scalar.string)?.rawValue else {
            fail(path, "expected a 16-bit PCI id in hex like 0x15b3, found \(Self.describe(node))", node)
            return nil
        }
        return value
    }

    /// A word from a closed vocabulary (flower keys, actions, port kinds, ...).
    private mutating func word<E: RawRepresentable & CaseIterable>(_ node: Node, _ path: String, _ type: E.Type, _ what: String) -> E?
    where E.RawValue == String {
        guard case .scalar(let scalar) = node, scalar.style != .plain || !Self.looksTyped(scalar.string) else {
            fail(path, "expected a \(what), found \(Self.describe(node))", node)
            return nil
        }
        guard let value = E(rawValue: scalar.string) else {
            let known = E.allCases.map(\.rawValue)
            let hint = known.count <= 12 ? " (expected one of: \(known.joined(separator: ", ")))" : ""
            fail(path, "unknown \(what) \"\(scalar.string)\"\(hint)", node)
            return nil
        }
        return value
    }

    // MARK: Bookkeeping

    private mutating func fail(_ path: String, _ message: String, _ node: Node? = nil, line: Int? = nil) {
        issues.append(HardwareProfileIssue(path: path, message: message, line: line ?? node?.mark?.line))
    }

    private mutating func remember(_ path: String, _ node: Node) {
        if let line = node.mark?.line, lines[path] == nil { lines[path] = line }
    }

    private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private static func parent(of path: String) -> String {
        if path.hasSuffix("]"), let open = path.lastIndex(of: "[") { return String(path[..<open]) }
        if let dot = path.lastIndex(of: ".") { return String(path[..<dot]) }
        return ""
    }

    /// Decimal digits with optional `_` group separators (`16_777_216`).
    private static func decimal(_ text: String) -> Int? {
        guard let first = text.first, first.isASCII, first.isNumber, !text.hasSuffix("_") else { return nil }
        let digits = text.filter { $0 != "_" }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// True for plain scalars that YAML would read as null, a boolean or a number rather than text.
    private static func looksTyped(_ text: String) -> Bool {
        if ["", "~", "null", "Null", "NULL", "true", "false", "True", "False", "TRUE", "FALSE"].contains(text) { return true }
        if decimal(text) != nil || PCIVendorID(hex: text) != nil { return true }
        // Floats such as 1.5, -2e3 or .5; a leading letter (e810) makes it text.
        let number = text.drop { $0 == "-" || $0 == "+" }
        guard let first = number.first, first.isASCII, first.isNumber || first == "." else { return false }
        return number.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "e" || $0 == "E" || $0 == "_" || $0 == "-" || $0 == "+" }
            && number.contains(where: \.isNumber)
    }

    private static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if scalar.style == .plain {
                if isNull(node) { return "null" }
                if scalar.string == "true" || scalar.string == "false" { return "boolean \(scalar.string)" }
                if decimal(scalar.string) != nil || looksTyped(scalar.string) { return "number \(scalar.string)" }
            }
            return "string \"\(scalar.string)\""
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return "\(problem) at line \(mark.line), column \(mark.column)"
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate keys \(duplicates.joined(separator: ", "))"
        default:
            return "\(error)"
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }
}
