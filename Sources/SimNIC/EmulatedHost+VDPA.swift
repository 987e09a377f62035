import EswitchModel
import Netlink
import Platform

extension EmulatedHost {
    /// The vDPA management devices: one per VF bound to its driver, when the profile has vDPA
    /// (mlx5_vdpa registers a management device on each mlx5 VF's auxiliary device).
    public var vdpaManagementDevices: [PCIAddress] {
        guard profile.vdpa != nil else { return [] }
        return physicalFunctions.flatMap { $0.vfs.filter(\.isBound).map(\.address) }
    }

    /// The virtio features the management devices offer (VIRTIO_NET_F_* and VIRTIO_F_* bits
    /// mlx5_vdpa advertises: CSUM 0, GUEST_CSUM 1, MTU 3, MAC 5, HOST_TSO4 11, HOST_TSO6 12,
    /// STATUS 16, CTRL_VQ 17, MQ 22, CTRL_MAC_ADDR 23, VERSION_1 32, ACCESS_PLATFORM 33).
    public static let vdpaSupportedFeatures: UInt64 = [0, 1, 3, 5, 11, 12, 16, 17, 22, 23, 32, 33].reduce(0) { $0 | (1 << $1) }

    /// `vdpa dev add name NAME mgmtdev pci/BDF [mac M] [mtu N] [max_vqp N]` with
    /// drivers/vdpa/vdpa.c's checks and mlx5_vdpa's limits: a name in use is EEXIST (the vdpa bus
    /// refuses a second device of that name); an unknown management device (any on a profile
    /// without vDPA) is ENODEV "vdpa: Fail to find the specified management device"; max_vqp 0 is
    /// EINVAL "vdpa: At least one pair of VQs is required"; more pairs than the device's queues
    /// allow is EINVAL; a management device holds one vDPA device (mlx5_vdpa_dev_add: ENOSPC);
    /// an MTU below 68 fails attribute validation (EINVAL). With latencies on, creation takes the
    /// profile's vdpa_create_ms.
    public mutating func addVDPADevice(name: String, on managementDevice: PCIAddress, mac: MACAddress? = nil,
                                       mtu: UInt16? = nil, maxVirtqueuePairs: UInt16? = nil) throws(SimNICError) {
        if let mtu, mtu < 68 { throw SimNICError(.invalidArgument, "integer out of range") }
        if let pairs = maxVirtqueuePairs, pairs == 0 {
            throw SimNICError(.invalidArgument, "vdpa: At least one pair of VQs is required")
        }
        guard let vdpa = profile.vdpa, vdpaManagementDevices.contains(managementDevice) else {
            throw SimNICError(.noSuchDevice, "vdpa: Fail to find the specified management device")
        }
        guard !vdpaDevices.contains(where: { $0.name == name }) else { throw SimNICError(.fileExists) }
        guard !vdpaDevices.contains(where: { $0.managementDevice == managementDevice }) else { throw SimNICError(.noSpace) }
        if let mac, mac.isMulticast { throw SimNICError(.invalidArgument) }
        let pairs = UInt32(maxVirtqueuePairs ?? 1)
        guard pairs * 2 <= UInt32(vdpa.maxVirtqueues) else { throw SimNICError(.invalidArgument) }
        if configuration.applyLatencies, let ms = profile.latencies?.vdpaCreateMS {
            clock.sleep(for: .milliseconds(ms))
        }
        vdpaDevices.append(SimVDPADevice(name: name, managementDevice: managementDevice, mac: mac, mtu: mtu,
                                         maxVirtqueuePairs: maxVirtqueuePairs, virtqueues: pairs * 2 + 1))
    }

    /// `vdpa dev del NAME`: ENODEV "vdpa: device not found" when there is none.
    public mutating func deleteVDPADevice(named name: String) throws(SimNICError) {
        guard let index = vdpaDevices.firstIndex(where: { $0.name == name }) else {
            throw SimNICError(.noSuchDevice, "vdpa: device not found")
        }
        vdpaDevices.remove(at: index)
    }
}
