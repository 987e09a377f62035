import ControlAPI
import EswitchModel
import Netlink
import Platform

/// Performs the set-up of one PF (``SetupPlanner``'s steps through sysfs and devlink), then reads
/// back its VFs, mode and eswitch ports. Blocking: the agent runs it on a dispatch thread with a
/// deadline, one PF at a time per thread, PFs in parallel.
struct EswitchSetup: Sendable {
    let pf: DiscoveredPF
    let devlink: DevlinkClient?
    let sriov: any SRIOVControl
    let drivers: any VFDriverBinding
    /// VFs wanted on a PF that has none (capped at TotalVFs here).
    let desiredVFs: Int

    /// The PF after its set-up, or why it failed. When a mode change fails after the VFs were
    /// unbound, they are bound again before the failure is returned.
    func run() -> Result<ManagedNIC, ControlFailure> {
        Result { () throws(ControlFailure) in try perform() }
    }

    private func perform() throws(ControlFailure) -> ManagedNIC {
        let address = pf.device.address
        let total: Int
        let current: Int
        do throws(PlatformError) {
            total = try sriov.totalVFs(of: address)
            current = try sriov.numVFs(of: address)
        } catch {
            throw .platform("PF \(address)", error)
        }
        let mode = try readMode()
        let steps = SetupPlanner.steps(profile: pf.profile, mode: mode, currentVFs: current, desiredVFs: min(max(0, desiredVFs), total))
        var count = current
        for step in steps {
            switch step {
            case .createVFs(let n):
                try sysfs("create \(n) VFs on \(address)") { () throws(PlatformError) in try sriov.setNumVFs(n, on: address) }
                count = n
            case .removeVFs:
                try sysfs("remove the VFs of \(address)") { () throws(PlatformError) in try sriov.setNumVFs(0, on: address) }
                count = 0
            case .unbindVFs:
                for vf in vfAddresses(count) {
                    try sysfs("unbind VF \(vf)") { () throws(PlatformError) in try drivers.unbind(vf: vf) }
                }
            case .bindVFs:
                try bindAll(count)
            case .switchdev:
                guard let devlink else { throw ControlFailure(.unavailable, "PF \(address): devlink is not available to set switchdev mode") }
                do throws(NetlinkTransportError) {
                    try devlink.setEswitchMode(.switchdev, on: address)
                } catch {
                    // The VFs were unbound for the change: give them back their driver.
                    if steps.contains(.unbindVFs) { try? bindAll(count) }
                    throw .netlink("PF \(address): switchdev mode", error)
                }
            }
        }
        let finalMode = try readMode()
        var representors = RepresentorMap()
        if let devlink {
            representors = RepresentorMap(devlinkPorts: try attempt("PF \(address): devlink ports") { () throws(NetlinkTransportError) in try devlink.ports(of: address) })
        }
        return ManagedNIC(pf: address, profile: pf.profile, totalVFs: total, vfCount: count, eswitchMode: finalMode,
                          representors: representors, setupSteps: steps, failure: nil, sriov: pf.sriov)
    }

    private func readMode() throws(ControlFailure) -> DevlinkEswitchMode? {
        guard let devlink, pf.profile.switchdev else { return nil }
        do throws(NetlinkTransportError) {
            return try devlink.eswitchMode(of: pf.device.address)
        } catch {
            // A DPU's host PF refuses eswitch queries (its eswitch is managed on the card).
            if pf.profile.modeChangeRules?.eswitchManager == .embeddedCPU { return nil }
            throw .netlink("PF \(pf.device.address): eswitch mode", error)
        }
    }

    private func bindAll(_ count: Int) throws(ControlFailure) {
        for vf in vfAddresses(count) {
            try sysfs("bind VF \(vf)") { () throws(PlatformError) in try drivers.bind(vf: vf) }
        }
    }

    private func vfAddresses(_ count: Int) -> [PCIAddress] {
        (0..<UInt32(max(0, count))).compactMap { pf.sriov.address(ofVF: VFIndex($0), on: pf.device.address) }
    }

    private func sysfs(_ what: String, _ body: () throws(PlatformError) -> Void) throws(ControlFailure) {
        do throws(PlatformError) {
            try body()
        } catch {
            throw .platform(what, error)
        }
    }
}
