import EswitchModel
import Netlink
import Platform

/// A PF the agent manages, as its set-up left it: profile, VFs, eswitch mode, and the netdevs of
/// its eswitch ports.
public struct ManagedNIC: Hashable, Sendable {
    /// The PF's PCI address (its stable identity and devlink handle).
    public var pf: PCIAddress
    /// The NIC model the PCI ids matched.
    public var profile: HardwareProfile
    /// TotalVFs of the SR-IOV capability.
    public var totalVFs: Int
    /// The VFs that exist (`sriov_numvfs`).
    public var vfCount: Int
    /// The eswitch mode devlink reports; nil when the driver reports none.
    public var eswitchMode: DevlinkEswitchMode?
    /// The uplink and the VF representors, by devlink port identity.
    public var representors: RepresentorMap
    /// What the set-up changed, in order (empty when the PF was adopted as it was).
    public var setupSteps: [SetupStep]
    /// Why the set-up failed, when it did; such a PF hands out no VFs.
    public var failure: String?
    /// Where the VFs appear on the bus.
    var sriov: SRIOVCapability

    /// The PCI address of VF `vf`, when it exists.
    public func address(ofVF vf: VFIndex) -> PCIAddress? {
        guard Int(vf.rawValue) < vfCount else { return nil }
        return sriov.address(ofVF: vf, on: pf)
    }

    /// The number of the VF at `address`, when it is one of this PF's.
    public func vf(at address: PCIAddress) -> VFIndex? {
        (0..<UInt32(vfCount)).map { VFIndex($0) }.first { sriov.address(ofVF: $0, on: pf) == address }
    }

    /// True when the PF is in switchdev mode and its set-up succeeded: VFs can be handed out with
    /// their rules.
    public var isReady: Bool { failure == nil && eswitchMode == .switchdev }
}
