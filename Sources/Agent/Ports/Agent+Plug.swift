import ControlAPI
import EswitchCompiler
import EswitchModel
import Netlink
import Platform

extension Agent {
    /// Attaches a VM interface to its port: takes a VF of the uplink NIC (the one the request
    /// names when it is free, else the lowest free one), configures it (MAC, no VLAN, spoofchk on,
    /// trust as configured), creates the vDPA device for `vdpa` ports, and installs the port's rules.
    ///
    /// All or nothing: a failure at any step undoes the steps before it (rules removed, vDPA
    /// device deleted, VF configuration reset, VF released). Plugging a port again for the same
    /// domain returns its attachment; concurrent plugs never share a VF.
    /// - Throws: a one-line ``ControlFailure``: `notFound` (no intent, unknown port, port of
    ///   another node, unknown VF), `badRequest` (interface kind or MAC disagree with the intent),
    ///   `unavailable` (port held by another domain, no free VF, NIC not ready), `platform` or
    ///   `timeout` (the NIC or the kernel failed a step).
    public func plug(_ request: PlugRequest) async throws(ControlFailure) -> PortAttachment {
        do throws(ControlFailure) {
            return try await plugSteps(request)
        } catch {
            logger.error("plug failed", metadata: ["port": "\(request.port)", "domain": "\(request.domain)", "error": "\(error.message)"])
            throw error.prefixed("plug \(request.port)")
        }
    }

    private func plugSteps(_ request: PlugRequest) async throws(ControlFailure) -> PortAttachment {
        try requireStarted()
        let port = try localPort(request.port)
        guard let binding = port.binding else { throw ControlFailure(.badRequest, "the intent gives the port no binding") }
        try Self.check(request.kind, against: binding)
        if let mac = request.mac, mac != port.mac {
            throw ControlFailure(.badRequest, "the domain's MAC \(mac) is not the port's \(port.mac)")
        }
        if let existing = bindings[port.id] {
            guard existing.domain == request.domain else { throw ControlFailure(.unavailable, "the port is held by domain \(existing.domain)") }
            return attachment(for: existing)
        }
        guard !busyPorts.contains(port.id) else { throw ControlFailure(.unavailable, "another plug or unplug of the port is in progress") }
        busyPorts.insert(port.id)
        defer { busyPorts.remove(port.id) }

        if binding == .software {
            let record = PortBindingRecord(port: port.id, domain: request.domain, domainUUID: request.domainUUID, kind: request.kind,
                                           device: .software(device: request.targetDevice ?? ""))
            bindings[port.id] = record
            logger.info("port plugged", metadata: ["port": "\(port.id)", "vm": "\(port.vm)", "device": "software"])
            return attachment(for: record)
        }
        guard let nic = uplinkNIC() else {
            throw ControlFailure(.unavailable, "the intent's uplink \(intent?.state.node.uplink.description ?? "?") is not a managed NIC")
        }
        guard nic.isReady else {
            throw ControlFailure(.unavailable, "NIC \(nic.pf) is not ready: \(nic.failure ?? "eswitch mode is \(nic.eswitchMode?.word ?? "unknown")")")
        }
        if binding == .vdpa, vdpa == nil { throw ControlFailure(.unavailable, vdpaUnavailable) }
        let vf = try allocator.reserve(for: port.id, on: nic, requested: request.requestedVF)
        var undo = PlugUndo(pf: nic.pf, vf: vf)
        do throws(ControlFailure) {
            guard let address = nic.address(ofVF: vf), let pfNetdev = nic.representors.uplink else {
                throw ControlFailure(.internal, "VF \(vf) of \(nic.pf) has no address or the PF no netdev")
            }
            guard let rep = nic.representors.vfs[vf] else { throw ControlFailure(.unavailable, "VF \(address) has no representor") }
            let links = self.links, trust = configuration.trustVFs, mac = port.mac
            // Reset on rollback even if the call times out: a late configuration must not stay.
            undo.resetVF = pfNetdev
            try await deviceCall("configure VF \(address)") { () throws(NetlinkTransportError) in
                try links.configureVF(vf, onPF: pfNetdev, mac: mac, trust: trust)
                try links.setUp(rep)
            }
            var device = BoundDevice.vf(pf: nic.pf, index: vf, address: address)
            if binding == .vdpa, let vdpa {
                let name = VDPADeviceName(vf: address)
                try await deviceCall("create vDPA device \(name) on \(address)") { () throws(NetlinkTransportError) in
                    try vdpa.add(name, on: address, mac: mac)
                }
                undo.vdpaDevice = name
                device = .vdpa(pf: nic.pf, index: vf, address: address, name: name)
            }
            let record = PortBindingRecord(port: port.id, domain: request.domain, domainUUID: request.domainUUID, kind: request.kind, device: device)
            bindings[port.id] = record
            undo.bound = true
            let result = runPass(full: false)
            if let (rule, reason) = result.failed.first(where: { concerns($0.key, port.id) }) {
                throw ControlFailure(.platform, "rule \(rule): \(reason)")
            }
            logger.info("port plugged", metadata: ["port": "\(port.id)", "vm": "\(port.vm)", "pf": "\(nic.pf)", "vf": "\(vf)",
                                                   "device": "\(device)"])
            return attachment(for: record)
        } catch {
            await rollBack(undo, port: port.id)
            throw error
        }
    }

    /// The local port `id` of the intent.
    func localPort(_ id: PortID) throws(ControlFailure) -> Port {
        guard let state = intent?.state else { throw ControlFailure(.notFound, "no intent is loaded") }
        guard let port = state.port(id) else { throw ControlFailure(.notFound, "port \(id) is not in the intent") }
        guard port.node == state.node.name else { throw ControlFailure(.notFound, "port \(id) is on node \(port.node), not on \(state.node.name)") }
        return port
    }

    /// Refuses an interface kind that contradicts the intent's binding.
    static func check(_ kind: InterfaceKind, against binding: PortBinding) throws(ControlFailure) {
        let expected: Set<InterfaceKind>
        switch binding {
        case .vf: expected = [.hostdev]
        case .vdpa: expected = [.vdpa]
        case .software: expected = [.ethernet, .vhostuser]
        }
        guard expected.contains(kind) else {
            throw ControlFailure(.badRequest, "interface type \(kind.rawValue) does not fit the port's binding \(binding.rawValue) (expected \(expected.map(\.rawValue).sorted().joined(separator: " or ")))")
        }
    }

    /// True when the rule belongs to the port's pipeline or sends traffic to it.
    func concerns(_ rule: RuleID, _ port: PortID) -> Bool {
        if case .port(let p) = rule.ingress, p == port { return true }
        guard let found = placement?.rule(rule)?.rule else { return false }
        if found.owner == port { return true }
        return found.actions.contains { if case .output(.port(let p)) = $0 { p == port } else { false } }
    }

    /// Undoes the steps of a plug that fails, last step first; each undo step is best effort
    /// (logged), so that one failure does not leave the others undone.
    private func rollBack(_ undo: PlugUndo, port: PortID) async {
        if undo.bound {
            bindings[port] = nil
            // Refusals seen during a failed plug may be the failure itself: the next plug asks again.
            for rule in reconciler.fallbacks.keys where concerns(rule, port) { reconciler.fallbacks[rule] = nil }
            let result = runPass(full: false)
            if result.failedDeletes > 0 {
                logger.error("rollback left filters behind (the next full pass removes them)", metadata: ["port": "\(port)"])
            }
        }
        if let name = undo.vdpaDevice, let vdpa {
            do throws(ControlFailure) {
                try await deviceCall("delete vDPA device \(name)") { () throws(NetlinkTransportError) in try vdpa.delete(name) }
            } catch {
                logger.error("rollback: vDPA device not deleted", metadata: ["port": "\(port)", "error": "\(error.message)"])
            }
        }
        if let pfNetdev = undo.resetVF {
            let links = self.links, vf = undo.vf
            do throws(ControlFailure) {
                try await deviceCall("reset VF \(vf) of \(undo.pf)") { () throws(NetlinkTransportError) in try links.resetVF(vf, onPF: pfNetdev) }
            } catch {
                logger.error("rollback: VF not reset", metadata: ["port": "\(port)", "error": "\(error.message)"])
            }
        }
        allocator.release(undo.vf, of: undo.pf)
    }

    /// What the local API reports for a plugged port.
    func attachment(for record: PortBindingRecord) -> PortAttachment {
        let device: PortAttachment.Device
        let repName = representor(of: record).map { linkName($0) } ?? ""
        switch record.device {
        case .vf(let pf, let index, let address): device = .vf(address: address, pf: pf, index: index, representor: repName)
        case .vdpa(_, _, let address, let name): device = .vdpa(name: name.rawValue, vf: address, representor: repName)
        case .software(let name): device = .software(device: name)
        }
        let counts = ruleCounts(of: record.port)
        return PortAttachment(port: record.port, domain: record.domain, device: device,
                              rulesInHardware: counts.hardware, rulesInSoftware: counts.software)
    }

    /// The port's active rules (those with filters) by effective placement: hardware (or split)
    /// and software.
    func ruleCounts(of port: PortID) -> (hardware: Int, software: Int) {
        guard let placement else { return (0, 0) }
        let desired = reconciler.desired
        var hardware = 0, software = 0
        for placed in placement.rules(ownedBy: port) where desired.inactive[placed.rule.id] == nil {
            if desired.placements[placed.rule.id]?.location.usesHardware == true { hardware += 1 } else { software += 1 }
        }
        return (hardware, software)
    }

    /// The name of a netdev, for people (identity stays the index); empty when unknown.
    func linkName(_ ifindex: IfIndex) -> String {
        (try? links.links())?.first { $0.ifindex == ifindex }?.name ?? ""
    }
}

/// What a plug did so far, for its rollback.
struct PlugUndo: Sendable {
    let pf: PCIAddress
    let vf: VFIndex
    /// The PF netdev, once the VF was configured.
    var resetVF: IfIndex?
    var vdpaDevice: VDPADeviceName?
    /// True once the port was bound (its rules may be installed).
    var bound = false
}
