import EswitchModel
import Netlink

/// Turns compiled rules into TC flower filters and the netlink requests that install them.
///
/// For each rule: its devices from the ``TCDeviceMap`` (see there), its chain from its kind, its
/// priority from ``TCPriorities`` (kind, protocol, hardware or software), its handle from its cookie
/// (``TCHandles``), its skip flags and filters from its ``TCPlacement`` (``TCFilterRole``), its keys
/// from the match and its actions from ``TCActionLowering``'s mapping, every action marked with the
/// rule's ownership cookie (``TCOwnershipCookie``).
///
/// Uplink rules: chain 0 rules that match tunnel metadata attach to the VXLAN device, the others to
/// the uplink. A rule in a later chain on the uplink (the delivery filters) is reached by `goto
/// chain` from both (after decapsulation, and after a floating IP's DNAT), and chains belong to one
/// device's filter block, so such rules are installed on both devices (only on the VXLAN device when
/// they match tunnel metadata themselves).
///
/// Pure: no I/O; the same rules, devices and placement always give the same plan.
public struct TCBackend: Sendable {
    /// The devices rules bind to.
    public var devices: TCDeviceMap
    /// The qdisc each used device gets.
    public var qdisc: TCQdiscKind
    /// Where each rule goes (hardware, software or split).
    public var placement: @Sendable (RuleID) -> TCPlacement

    /// A backend for `devices`; `placement` defaults to everything in hardware.
    public init(devices: TCDeviceMap, qdisc: TCQdiscKind = .clsact,
                placement: @escaping @Sendable (RuleID) -> TCPlacement = { _ in .hardware }) {
        self.devices = devices
        self.qdisc = qdisc
        self.placement = placement
    }

    /// The filters for `rules`.
    /// - Parameter previous: the plan currently installed, if any: filters of the same rule, role
    ///   and device keep their handle when their classifier instance is unchanged.
    /// - Returns: the plan, with a problem for each rule that cannot be expressed (no device, a
    ///   protocol the priority table does not plan for, a match flower cannot carry...); such rules
    ///   get no filter at all.
    public func plan(_ rules: [Rule], previous: TCPlan? = nil) -> TCPlan {
        var pending: [Pending] = []
        pending.reserveCapacity(rules.count)
        var problems: [TCPlanProblem] = []
        var owners: [UInt64: RuleID] = [:]
        for rule in rules.sorted(by: { $0.id < $1.id }) {
            let cookie = rule.id.cookie
            if let other = owners[cookie], other != rule.id {
                problems.append(TCPlanProblem(rule: rule.id, message: "cookie 0x\(String(cookie, radix: 16)) is also \(other)'s: its filters could not be told apart"))
                continue
            }
            do {
                let filters = try self.pending(rule, cookie: cookie)
                owners[cookie] = rule.id
                pending.append(contentsOf: filters)
            } catch {
                problems.append(TCPlanProblem(rule: rule.id, message: error.message))
            }
        }

        // Handles: first those the previous plan gave to the same filter in the same instance.
        var allocator = TCHandleAllocator()
        var handles = [UInt32](repeating: 0, count: pending.count)
        if let previous {
            for (i, p) in pending.enumerated() {
                if let old = previous.filter(p.key), old.location.table == p.table, allocator.claim(old.location.handle, in: p.table) {
                    handles[i] = old.location.handle
                }
            }
        }
        for (i, p) in pending.enumerated() where handles[i] == 0 {
            handles[i] = allocator.allocate(base: TCHandles.base(cookie: p.cookie), in: p.table)
        }

        var filters: [TCFilter] = []
        filters.reserveCapacity(pending.count)
        for (i, p) in pending.enumerated() {
            let location = TCFilterLocation(device: p.table.device, chain: p.table.chain, priority: p.table.priority,
                                            protocol: p.table.protocol, handle: handles[i])
            var attributes: [FilterAttribute] = []
            attributes.reserveCapacity(3)
            if location.chain != 0 { attributes.append(.chain(location.chain)) }
            attributes.append(.kind("flower"))
            attributes.append(.flower(p.options))
            let message = FilterMessage(
                header: TCMessageHeader(ifindex: location.device, handle: location.handle, parent: .ingressHook,
                                        priority: location.priority, protocol: location.protocol),
                attributes: attributes)
            filters.append(TCFilter(rule: p.key.rule, cookie: p.cookie, role: p.key.role, location: location, message: message))
        }
        return TCPlan(filters: filters, problems: problems, qdisc: qdisc)
    }

    /// The cookie -> rule map of a rule list (what a restarted daemon needs to read dumps).
    public static func ruleIDs(byCookie rules: [Rule]) -> [UInt64: RuleID] {
        var out: [UInt64: RuleID] = [:]
        out.reserveCapacity(rules.count)
        for rule in rules where out[rule.id.cookie] == nil { out[rule.id.cookie] = rule.id }
        return out
    }

    // MARK: One rule

    /// A filter before its handle is chosen.
    struct Pending {
        var key: TCFilterKey
        var cookie: UInt64
        var table: TCTable
        var options: FlowerOptions
    }

    private func pending(_ rule: Rule, cookie: UInt64) throws(TCActionLowering.Failure) -> [Pending] {
        let lowered = rule.match.flower
        var keys: [FlowerAttribute]
        do {
            keys = try lowered.match.attributes()
        } catch {
            throw TCActionLowering.Failure(message: "match: \(error)")
        }
        keys.append(contentsOf: lowered.rawKeys.map { FlowerAttribute.unknown($0) })
        let targets = try self.targets(of: rule)
        let lowering = TCActionLowering(devices: devices, match: rule.match, cookie: TCOwnershipCookie.bytes(cookie))
        var out: [Pending] = []
        for role in TCFilterRole.roles(for: placement(rule.id)) {
            guard let priority = TCPriorities.priority(kind: rule.kind, protocol: lowered.protocol, inHardware: role.inHardware) else {
                throw TCActionLowering.Failure(message: "protocol \(lowered.protocol) has no priority for kind \(rule.kind.rawValue) (TCPriorities.protocols(of:))")
            }
            var attributes = keys
            attributes.append(.actions(try lowering.actions(rule.actions, role: role)))
            attributes.append(.flags(role.flags))
            if lowered.protocol != .all { attributes.append(.ethType(lowered.protocol)) }
            let options = FlowerOptions(attributes)
            for device in targets {
                out.append(Pending(key: TCFilterKey(rule: rule.id, role: role, device: device), cookie: cookie,
                                   table: TCTable(device: device, chain: rule.chain, priority: priority, protocol: lowered.protocol),
                                   options: options))
            }
        }
        return out
    }

    /// The devices whose ingress gets the rule's filters.
    private func targets(of rule: Rule) throws(TCActionLowering.Failure) -> [IfIndex] {
        switch rule.ingress {
        case .port(let port):
            guard let device = devices.ports[port] else { throw TCActionLowering.Failure(message: "no device for port \(port) in the device map") }
            return [device]
        case .uplink:
            let tunnelKeys = rule.match.matchesTunnel
            if tunnelKeys || rule.chain == 0 {
                if tunnelKeys {
                    guard let tunnel = devices.tunnel else { throw TCActionLowering.Failure(message: "matches tunnel keys but the device map has no VXLAN device") }
                    return [tunnel]
                }
                guard let uplink = devices.uplink else { throw TCActionLowering.Failure(message: "no uplink device in the device map") }
                return [uplink]
            }
            let both = [devices.tunnel, devices.uplink].compactMap { $0 }
            guard !both.isEmpty else { throw TCActionLowering.Failure(message: "neither a VXLAN device nor an uplink in the device map") }
            return both.count == 2 && both[0] == both[1] ? [both[0]] : both
        }
    }
}
