import ControlAPI
import EswitchCompiler
import EswitchModel
import Logging
import Netlink
import Platform

/// What ``Agent/start(restoring:)`` found and did.
public struct StartReport: Hashable, Sendable {
    /// The managed PFs after their set-up (those whose set-up failed carry the reason).
    public var nics: [ManagedNIC]
    /// Port bindings taken back from the snapshot.
    public var restoredPorts: Int
    /// What could not be restored or set up, one line each.
    public var problems: [String]
    /// The reconciler's counters after the start-up pass (adopted, added, deleted...).
    public var counters: ReconcileCounters
}

extension Agent {
    /// Starts the agent: resolves devlink and vdpa, discovers and sets up the NICs (in parallel,
    /// each PF with its deadline), makes sure the tunnel device exists, subscribes to link and tc
    /// notifications, takes back the snapshot's intent, port bindings and NIC refusals, and runs the
    /// first pass, which adopts the filters already installed: an unchanged world is left exactly
    /// as it is (no filter deleted or re-added).
    ///
    /// Without a snapshot (or with one without intent) no filter is touched until an intent is
    /// applied. A PF whose set-up fails is reported and left out; the others work.
    /// - Throws: ``ControlFailure/Code/invalidIntent`` when the snapshot's intent no longer
    ///   validates (nothing on the host was changed then), ``ControlFailure/Code/unavailable``
    ///   when called twice.
    public func start(restoring snapshot: AgentSnapshot? = nil) async throws(ControlFailure) -> StartReport {
        guard !isStarted else { throw ControlFailure(.unavailable, "the agent is already started") }
        var restoredIntent: LoadedIntent?
        if let document = snapshot?.intent {
            do throws(ControlFailure) {
                restoredIntent = try Self.load(document)
            } catch {
                throw error.prefixed("restored intent")
            }
        }
        resolveFamilies()
        var problems = await setUpNICs()
        do throws(ControlFailure) {
            tunnel = try links.ensureTunnel(named: configuration.tunnelDevice, port: configuration.tunnelPort)
        } catch {
            problems.append(error.message)
            logger.error("no tunnel device", metadata: ["error": "\(error.message)"])
        }
        subscribe()
        if let restoredIntent {
            install(restoredIntent)
            let byText = Dictionary((compiler?.rules ?? []).map { ($0.id.description, $0.id) }) { a, _ in a }
            for fallback in snapshot?.fallbacks ?? [] {
                if let rule = byText[fallback.rule] { reconciler.fallbacks[rule] = fallback }
            }
        }
        let restored = await restoreBindings(snapshot?.ports ?? [], problems: &problems)
        isStarted = true
        runPass(full: true)
        logger.info("started", metadata: ["nics": "\(nics.count)", "ports": "\(restored)", "adopted": "\(reconciler.counters.adopted)",
                                          "added": "\(reconciler.counters.added)", "deleted": "\(reconciler.counters.deleted)"])
        return StartReport(nics: managedNICs, restoredPorts: restored, problems: problems, counters: reconciler.counters)
    }

    /// Resolves the devlink and vdpa families (either may be missing from a kernel).
    func resolveFamilies() {
        do throws(NetlinkTransportError) {
            devlink = try DevlinkClient.resolve(on: platform.generic)
        } catch {
            logger.warning("devlink is not available: eswitch modes cannot be changed", metadata: ["error": "\(error)"])
        }
        do throws(NetlinkTransportError) {
            vdpa = try VDPAClient.resolve(on: platform.generic)
        } catch {
            vdpaUnavailable = "vdpa is not available on this host (\(error))"
            logger.warning("vdpa is not available", metadata: ["error": "\(error)"])
        }
    }

    /// Discovers the managed PFs and sets them up in parallel.
    /// - Returns: one line per PF whose discovery or set-up failed.
    func setUpNICs() async -> [String] {
        let found: [DiscoveredPF]
        do throws(PlatformError) {
            found = NICDiscovery.physicalFunctions(in: try platform.pci.devices(), profiles: configuration.profiles, only: configuration.managedPFs)
        } catch {
            logger.error("PCI discovery failed", metadata: ["error": "\(error)"])
            return ["PCI discovery: \(error)"]
        }
        let setups = found.map { pf in
            EswitchSetup(pf: pf, devlink: devlink, sriov: platform.sriov, drivers: platform.drivers, desiredVFs: configuration.vfsPerPF)
        }
        let timeouts = configuration.timeouts
        let outcomes = await withTaskGroup(of: (DiscoveredPF, Result<ManagedNIC, ControlFailure>).self) { group in
            for setup in setups {
                let vfs = min(configuration.vfsPerPF, Int(setup.pf.sriov.totalVFs))
                let deadline = timeouts.setupBase + timeouts.perVFCreation * vfs
                group.addTask {
                    do throws(ControlFailure) {
                        return (setup.pf, .success(try await BlockingCall.run("set-up of PF \(setup.pf.device.address)", timeout: deadline, setup.run)))
                    } catch {
                        return (setup.pf, .failure(error))
                    }
                }
            }
            var out: [(DiscoveredPF, Result<ManagedNIC, ControlFailure>)] = []
            for await outcome in group { out.append(outcome) }
            return out
        }
        var problems: [String] = []
        for (pf, outcome) in outcomes.sorted(by: { $0.0.device.address < $1.0.device.address }) {
            switch outcome {
            case .success(let nic):
                nics[nic.pf] = nic
                logger.info("PF set up", metadata: ["pf": "\(nic.pf)", "profile": "\(nic.profile.id)", "vfs": "\(nic.vfCount)",
                                                    "mode": "\(nic.eswitchMode?.word ?? "none")", "steps": "\(nic.setupSteps.map { $0.description })"])
            case .failure(let failure):
                let address = pf.device.address
                nics[address] = ManagedNIC(pf: address, profile: pf.profile, totalVFs: Int(pf.sriov.totalVFs), vfCount: 0, eswitchMode: nil,
                                           representors: RepresentorMap(), setupSteps: [], failure: failure.message, sriov: pf.sriov)
                problems.append(failure.message)
                logger.error("PF set-up failed", metadata: ["pf": "\(address)", "error": "\(failure.message)"])
            }
        }
        return problems
    }

    /// Joins the link and tc notification groups.
    func subscribe() {
        guard let events = platform.events else { return }
        for group in [RTNLGRP.link, RTNLGRP.tc] {
            do throws(NetlinkTransportError) {
                try events.join(group: group)
            } catch {
                logger.error("cannot join a notification group", metadata: ["group": "\(group)", "error": "\(error)"])
            }
        }
    }

    /// Takes back the snapshot's port bindings: each VF is claimed again, its configuration
    /// checked (and re-applied when the PF reports another MAC, as after a host reboot), and a
    /// missing vDPA device is created again.
    /// - Returns: the bindings restored; problems are appended to `problems`.
    func restoreBindings(_ records: [PortBindingRecord], problems: inout [String]) async -> Int {
        var configured: [PCIAddress: [VFIndex: MACAddress]] = [:]
        if let table = try? links.links() {
            for nic in nics.values {
                guard let uplink = nic.representors.uplink, let pfLink = table.first(where: { $0.ifindex == uplink }) else { continue }
                for info in pfLink.vfs { configured[nic.pf, default: [:]][info.vf] = info.mac }
            }
        }
        let existingVDPA = Set((try? vdpa?.devices())?.map(\.name) ?? [])
        var restored = 0
        for record in records {
            bindings[record.port] = record
            restored += 1
            guard let vf = record.device.vf else { continue }
            guard let nic = nics[vf.pf], Int(vf.index.rawValue) < nic.vfCount else {
                problems.append("port \(record.port): VF \(vf.address) no longer exists")
                continue
            }
            guard allocator.claim(vf.index, of: vf.pf, for: record.port) else {
                problems.append("port \(record.port): VF \(vf.address) is claimed twice in the snapshot")
                continue
            }
            let mac = intent?.state.port(record.port)?.mac
            if let mac, configured[vf.pf]?[vf.index] != mac, let pfNetdev = nic.representors.uplink {
                do {
                    try links.configureVF(vf.index, onPF: pfNetdev, mac: mac, trust: configuration.trustVFs)
                } catch {
                    problems.append("port \(record.port): VF \(vf.address) configuration: \(error)")
                }
            }
            if let name = record.device.vdpaName, !existingVDPA.contains(name), let mac, let vdpa {
                do {
                    try await deviceCall("create vDPA device \(name)") { () throws(NetlinkTransportError) in try vdpa.add(name, on: vf.address, mac: mac) }
                } catch {
                    problems.append("port \(record.port): \(error.message)")
                }
            }
        }
        return restored
    }

    /// Runs one device change off the actor with the device-operation deadline.
    func deviceCall(_ what: String, _ body: @escaping @Sendable () throws(NetlinkTransportError) -> Void) async throws(ControlFailure) {
        try await BlockingCall.run(what, timeout: configuration.timeouts.deviceOperation) {
            do throws(NetlinkTransportError) {
                try body()
                return .success(())
            } catch {
                return .failure(.netlink(what, error))
            }
        }
    }
}
