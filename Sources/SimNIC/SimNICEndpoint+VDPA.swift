import EswitchModel
import Netlink
import Platform

extension EmulatedHost {
    /// The VDPA_CMD_MGMTDEV_NEW body of a management device (drivers/vdpa/vdpa.c
    /// vdpa_mgmtdev_fill): handle, supported classes (virtio net), queue limit, features.
    func vdpaManagementMessage(_ address: PCIAddress) -> VDPAMessage {
        VDPAMessage(.managementDeviceNew, VDPAManagementDevice(address).attributes + [
            .supportedClasses(1 << 1), .managementMaxVirtqueues(UInt32(profile.vdpa?.maxVirtqueues ?? 0)),
            .managementSupportedFeatures(Self.vdpaSupportedFeatures),
        ])
    }

    /// The VDPA_CMD_DEV_NEW body of a device (vdpa_dev_fill): handle, name, virtio net, the
    /// vendor, its queues and queue sizes.
    func vdpaDeviceMessage(_ device: SimVDPADevice) -> VDPAMessage {
        VDPAMessage(.deviceNew, VDPAManagementDevice(device.managementDevice).attributes + [
            .name(device.name), .deviceID(1), .vendorID(UInt32(profile.pci?.vendorID.rawValue ?? 0)), .maxVirtqueues(device.virtqueues),
            .maxVirtqueueSize(256), .minVirtqueueSize(1),
        ])
    }

    /// The VDPA_CMD_DEV_CONFIG_GET body (vdpa_dev_config_fill): name, device id, link status,
    /// device features, then MTU, MAC and queue pairs when configured.
    func vdpaConfigMessage(_ device: SimVDPADevice) -> VDPAMessage {
        var attributes: [VDPAAttribute] = [
            .name(device.name), .deviceID(1), .unknown(RawAttribute(type: VDPA_ATTR.devNetStatus, payload: [1, 0])),
            .deviceSupportedFeatures(Self.vdpaSupportedFeatures),
        ]
        if let mtu = device.mtu { attributes.append(.mtu(mtu)) }
        if let mac = device.mac { attributes.append(.macAddress(mac)) }
        attributes.append(.maxVirtqueuePairs(device.maxVirtqueuePairs ?? 1))
        return VDPAMessage(.deviceConfigGet, attributes)
    }
}

extension SimNICEndpoint {
    /// vdpa: management devices, device add/del/get, config.
    static func vdpaRequest(_ request: VDPAMessage, dump: Bool, familyID: UInt16, host: inout EmulatedHost) -> Outcome {
        func message(_ body: VDPAMessage) -> NetlinkMessage {
            NetlinkMessage(type: familyID, flags: [], body: .generic(GenericMessage(version: VDPA_GENL.version, .vdpa(body))))
        }
        /// The device a request names: EINVAL without a name, ENODEV "device not found".
        func device() throws(SimNICError) -> SimVDPADevice {
            guard let name = request.name else { throw SimNICError(.invalidArgument) }
            guard let found = host.vdpaDevices.first(where: { $0.name == name }) else { throw SimNICError(.noSuchDevice, "vdpa: device not found") }
            return found
        }
        /// The management device a request names (vdpa_mgmtdev_get_from_attr: EINVAL without a
        /// device name, ENODEV for one that does not exist).
        func managementDevice() throws(SimNICError) -> PCIAddress {
            guard let handle = request.managementDevice else { throw SimNICError(.invalidArgument) }
            guard handle.bus == "pci", let address = handle.pciAddress, host.vdpaManagementDevices.contains(address) else {
                throw SimNICError(.noSuchDevice, "vdpa: Fail to find the specified mgmt device")
            }
            return address
        }
        switch request.command {
        case .managementDeviceGet:
            if dump { return .dump(host.vdpaManagementDevices.map { message(host.vdpaManagementMessage($0)) }) }
            return run { () throws(SimNICError) in .reply([message(host.vdpaManagementMessage(try managementDevice()))]) }
        case .deviceNew:
            return run { () throws(SimNICError) in
                guard let name = request.name else { throw SimNICError(.invalidArgument) }
                guard let handle = request.managementDevice else { throw SimNICError(.invalidArgument) }
                guard handle.bus == "pci", let address = handle.pciAddress else {
                    throw SimNICError(.noSuchDevice, "vdpa: Fail to find the specified management device")
                }
                try host.addVDPADevice(name: name, on: address, mac: request.macAddress, mtu: request.mtu,
                                       maxVirtqueuePairs: request.maxVirtqueuePairs)
                return .done()
            }
        case .deviceDelete:
            return run { () throws(SimNICError) in
                guard let name = request.name else { throw SimNICError(.invalidArgument) }
                try host.deleteVDPADevice(named: name)
                return .done()
            }
        case .deviceGet:
            if dump { return .dump(host.vdpaDevices.map { message(host.vdpaDeviceMessage($0)) }) }
            return run { () throws(SimNICError) in .reply([message(host.vdpaDeviceMessage(try device()))]) }
        case .deviceConfigGet:
            if dump { return .dump(host.vdpaDevices.map { message(host.vdpaConfigMessage($0)) }) }
            return run { () throws(SimNICError) in .reply([message(host.vdpaConfigMessage(try device()))]) }
        default:
            return .failure(SimNICError(.notSupported))
        }
    }
}
