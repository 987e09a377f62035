import EswitchConfig
import EswitchModel
import Testing

/// The questions the compiler asks a profile, answered from the real HardwareProfiles/ files.
@Suite struct HardwareProfileSupportTests {
    let cx5: HardwareProfile
    let cx6dx: HardwareProfile
    let cx7: HardwareProfile
    let bf2: HardwareProfile
    let e810: HardwareProfile
    let software: HardwareProfile

    init() throws {
        cx5 = try HardwareProfileFixtures.profile("connectx-5")
        cx6dx = try HardwareProfileFixtures.profile("connectx-6dx")
        cx7 = try HardwareProfileFixtures.profile("connectx-7")
        bf2 = try HardwareProfileFixtures.profile("bluefield-2")
        e810 = try HardwareProfileFixtures.profile("e810")
        software = try HardwareProfileFixtures.profile("software")
    }

    @Test func e810CannotEncapsulateOnARepresentor() {
        #expect(e810.supports(action: .tunnelKeySet, on: .vfRepresentor)
            == .unsupported(reason: "E810: action tunnel_key set on representor not supported"))
        #expect(e810.supports(encap: .vxlan).reason == "E810: vxlan encap not supported")
        #expect(e810.supports(decap: .vxlan).isSupported == false)
        #expect(e810.supports(action: .mirredRedirect, on: .vfRepresentor).isSupported)
    }

    @Test func mlx5EncapsulatesOnRepresentorsAndDecapsulatesOnTunnelDevices() {
        #expect(cx6dx.supports(action: .tunnelKeySet, on: .vfRepresentor) == .supported)
        #expect(cx6dx.supports(action: .tunnelKeySet, on: .uplink).reason
            == "ConnectX-6 Dx: action tunnel_key set on uplink not supported")
        #expect(cx6dx.supports(action: .tunnelKeyUnset, on: .tunnelDevice).isSupported)
        #expect(!cx6dx.supports(action: .tunnelKeyUnset, on: .vfRepresentor).isSupported)
        #expect(cx6dx.supports(action: .tunnelKeySet).isSupported, "supported on some port kind")
        for type in HardwareProfile.TunnelType.allCases {
            #expect(cx6dx.supports(encap: type).isSupported && cx6dx.supports(decap: type).isSupported)
        }
    }

    @Test func tunnelKeysMatchOnlyOnTunnelDevices() {
        for profile in [cx6dx, e810] {
            #expect(profile.supports(key: .encKeyID).isSupported)
            #expect(profile.supports(key: .encKeyID, on: .tunnelDevice).isSupported)
            #expect(profile.supports(key: .encKeyID, on: .vfRepresentor).reason
                == "\(profile.name): match key enc_key_id on representor not supported")
        }
        #expect(cx6dx.supports(key: .dstMAC, on: .uplink).isSupported)
    }

    @Test func keysTheDriversRejectAreNotOffloaded() {
        #expect(cx6dx.supports(key: .arpOp).reason == "ConnectX-6 Dx: match key arp_op not supported")
        #expect(!e810.supports(key: .tcpFlags).isSupported)
        #expect(!e810.supports(key: .ctState).isSupported)
        #expect(cx6dx.supports(key: .tcpFlags).isSupported)
    }

    @Test func conntrackOffloadFollowsTheModel() {
        #expect(cx5.ctOffload == nil)
        #expect(cx5.supportsConntrack().reason == "ConnectX-5: connection tracking offload not supported")
        #expect(cx6dx.supportsConntrack(nat: true).isSupported)
        #expect(cx7.ctOffload?.connectionsPerSecond == 600_000)
        #expect(!e810.supportsConntrack().isSupported)
    }

    @Test func e810TakesOneActionAndIgnoresPriorities() {
        #expect(e810.supports(actionCount: 1).isSupported)
        #expect(e810.supports(actionCount: 2).reason == "E810: 2 actions in one rule (at most 1) not supported")
        #expect(cx6dx.supports(actionCount: 5).isSupported)
        #expect(!e810.chains.prioritiesHonored && cx6dx.chains.prioritiesHonored)
        #expect(!e810.supports(chain: 1, priority: 1).isSupported)
        #expect(cx6dx.supports(chain: 3, priority: 16).isSupported)
        #expect(cx6dx.supports(chain: 4, priority: 1).reason == "ConnectX-6 Dx: chain 4 (at most 3) not supported")
        #expect(cx6dx.supports(chain: 0, priority: 17).reason == "ConnectX-6 Dx: priority 17 (at most 16) not supported")
    }

    @Test func modeChangeOrderingDiffersByDriver() throws {
        let ice = try #require(e810.modeChangeRules)
        #expect(!ice.vfsMayExistBeforeModeChange, "ice: create VFs after switchdev")
        let mlx5 = try #require(cx6dx.modeChangeRules)
        #expect(mlx5.vfsMayExistBeforeModeChange && mlx5.vfsMustBeUnbound)
        #expect(mlx5.eswitchManager == .host)
        #expect(bf2.modeChangeRules?.eswitchManager == .embeddedCPU)
    }

    @Test func vdpaOnlyWhereADriverExists() {
        #expect(cx5.vdpa == nil && e810.vdpa == nil)
        #expect(cx6dx.vdpa?.driver == "mlx5_vdpa")
        #expect(cx7.vdpa != nil && bf2.vdpa != nil)
    }

    @Test func softwareProfileAnswersNoWithItsReason() {
        #expect(software.supports(action: .drop, on: .vfRepresentor).reason
            == "software: action drop on representor not offloaded (software-only profile)")
        #expect(software.supports(key: .dstMAC).reason == "software: match key dst_mac not offloaded (software-only profile)")
        #expect(!software.supportsConntrack().isSupported)
        #expect(software.ruleCapacity == 0)
    }

    @Test func pciIdentityFindsTheModel() {
        #expect(cx6dx.matchesPF(vendor: PCIVendorID(0x15b3), device: PCIDeviceID(0x101d)))
        #expect(!cx6dx.matchesPF(vendor: PCIVendorID(0x15b3), device: PCIDeviceID(0x101e)))
        #expect(cx6dx.matchesVF(vendor: PCIVendorID(0x15b3), device: PCIDeviceID(0x101e)))
        #expect(!cx6dx.matchesPF(vendor: PCIVendorID(0x8086), device: PCIDeviceID(0x101d)))
        #expect(e810.matchesVF(vendor: PCIVendorID(0x8086), device: PCIDeviceID(0x1889)))
        #expect(!software.matchesPF(vendor: PCIVendorID(0x15b3), device: PCIDeviceID(0x101d)))
        #expect(PCIDeviceID(hex: "0x101D") == PCIDeviceID(0x101d))
        #expect(PCIDeviceID(hex: "101d") == nil && PCIDeviceID(hex: "0x") == nil)
        #expect(PCIVendorID(0x8086).description == "0x8086" && PCIDeviceID(0x1b).description == "0x001b")
    }

    @Test func insertionRatesAreOrderedByEngine() {
        #expect(cx7.bestInsertionRate == 600_000)
        #expect(cx7.insertionRates.first { $0.steering == .software }?.rulesPerSecond ?? 0 < 600_000)
        #expect(e810.bestInsertionRate == nil)
    }
}
