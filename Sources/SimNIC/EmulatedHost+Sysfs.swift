import EswitchModel
import Netlink
import Platform

/// The sysfs attributes an operator's script writes around an eswitch mode change, on the
/// emulated host: driver bind/unbind, the SR-IOV files of a PF, and a netdev's `device` link and
/// state. Writes behave as the kernel's store functions (drivers/base/bus.c bind_store and
/// unbind_store, drivers/pci/iov.c sriov_numvfs_store and sriov_drivers_autoprobe_store); the
/// documented mlx5 sequence (unbind the VFs, switch to switchdev, bind them again) runs on it.
extension EmulatedHost {
    /// The driver that binds a VF of this NIC: mlx5_core drives ConnectX VFs too
    /// (drivers/net/ethernet/mellanox/mlx5/core/main.c mlx5_core_pci_table); Intel's E810 VFs are
    /// driven by iavf (drivers/net/ethernet/intel/iavf/iavf_main.c iavf_pci_tbl, 8086:1889).
    public var vfDriver: String? {
        dialect.kind == .ice ? "iavf" : profile.driver
    }

    /// Writes `value` to the attribute at `path`, as `echo value > path` does (a trailing newline
    /// is ignored, as the kernel's parsers ignore it).
    ///
    /// - Throws: ENOENT for a path the host does not have, EACCES for a read-only attribute, and
    ///   the store function's errno otherwise (ENODEV for a device the driver does not have,
    ///   EBUSY for a device bound already, EINVAL for a value that does not parse, the
    ///   ``setNumVFs(_:on:)`` rules).
    public mutating func writeSysfs(_ path: String, _ value: String) throws(SimNICError) {
        let text = value.hasSuffix("\n") ? String(value.dropLast()) : value
        switch try sysfsAttribute(path) {
        case .driverBind(let driver):
            guard let address = PCIAddress(text), let (pf, vf) = vfIndices(at: address), vfDriver == driver else {
                throw SimNICError(.noSuchDevice, "\(driver) has no device \(text)")
            }
            guard !physicalFunctions[pf].vfs[vf].isBound else { throw SimNICError(.resourceBusy, "\(text) is bound to \(driver) already") }
            bindVF(pf: pf, vf: vf)
        case .driverUnbind(let driver):
            guard let address = PCIAddress(text) else { throw SimNICError(.noSuchDevice, "no device \(text)") }
            if physicalFunction(at: address) != nil, profile.driver == driver {
                throw SimNICError(.notSupported, "unbinding a PF from its driver is not emulated")
            }
            guard let (pf, vf) = vfIndices(at: address), vfDriver == driver, physicalFunctions[pf].vfs[vf].isBound else {
                throw SimNICError(.noSuchDevice, "\(text) is not bound to \(driver)")
            }
            unbindVF(pf: pf, vf: vf)
        case .numVFs(let address):
            guard let count = Int(text), count >= 0 else { throw SimNICError(.invalidArgument, "sriov_numvfs: '\(text)' is not a number") }
            try setNumVFs(count, on: address)
        case .driversAutoprobe(let address):
            guard let index = physicalFunctions.firstIndex(where: { $0.address == address }) else { throw SimNICError(.noSuchFileOrDirectory) }
            switch text {
            case "1", "y", "Y", "on": physicalFunctions[index].driversAutoprobe = true
            case "0", "n", "N", "off": physicalFunctions[index].driversAutoprobe = false
            default: throw SimNICError(.invalidArgument, "sriov_drivers_autoprobe: '\(text)' is not a boolean")
            }
        case .totalVFs, .vendor, .device, .operState, .carrier, .address:
            throw SimNICError(.permissionDenied, "\(path) is read-only")
        }
    }

    /// Reads the attribute at `path` with its trailing newline, as `cat path` shows it.
    ///
    /// - Throws: ENOENT for a path the host does not have, EACCES for a write-only attribute.
    public func readSysfs(_ path: String) throws(SimNICError) -> String {
        switch try sysfsAttribute(path) {
        case .driverBind, .driverUnbind:
            throw SimNICError(.permissionDenied, "\(path) is write-only")
        case .numVFs(let address):
            return "\(numVFs(of: address) ?? 0)\n"
        case .totalVFs(let address):
            return "\(physicalFunction(at: address)?.sriov.totalVFs ?? 0)\n"
        case .driversAutoprobe(let address):
            return (physicalFunction(at: address)?.driversAutoprobe ?? true) ? "1\n" : "0\n"
        case .vendor:
            return "0x" + String(profile.pci?.vendorID.rawValue ?? 0, radix: 16).leftPadded(4) + "\n"
        case .device(let address):
            let id = physicalFunction(at: address) != nil ? profile.pci?.pfDeviceIDs.first : profile.pci?.vfDeviceIDs.first
            return "0x" + String(id?.rawValue ?? 0, radix: 16).leftPadded(4) + "\n"
        case .operState(let ifindex):
            return (links[ifindex].map { Self.operStateWord($0.operState) } ?? "unknown") + "\n"
        case .carrier(let ifindex):
            guard let link = links[ifindex], link.isUp else { throw SimNICError(.invalidArgument, "carrier of a down device") }
            return link.carrier ? "1\n" : "0\n"
        case .address(let ifindex):
            return (links[ifindex]?.mac.description ?? "") + "\n"
        }
    }

    /// The words of /sys/class/net/X/operstate (net/core/net-sysfs.c operstates[]).
    static func operStateWord(_ state: LinkOperState) -> String {
        switch state {
        case .up: return "up"
        case .down: return "down"
        case .lowerLayerDown: return "lowerlayerdown"
        case .dormant: return "dormant"
        case .testing: return "testing"
        case .notPresent: return "notpresent"
        default: return "unknown"
        }
    }

    /// What a sysfs path names on this host.
    private func sysfsAttribute(_ path: String) throws(SimNICError) -> SysfsAttribute {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let missing = SimNICError(.noSuchFileOrDirectory, "\(path): no such file")
        // /sys/bus/pci/drivers/DRIVER/{bind,unbind}
        if parts.count == 6, parts[0...3] == ["sys", "bus", "pci", "drivers"] {
            let driver = parts[4]
            guard driver == profile.driver || driver == vfDriver else { throw missing }
            switch parts[5] {
            case "bind": return .driverBind(driver)
            case "unbind": return .driverUnbind(driver)
            default: throw missing
            }
        }
        // /sys/bus/pci/devices/BDF/ATTR and /sys/bus/pci/devices/BDF/driver/{bind,unbind}
        if parts.count >= 6, parts[0...3] == ["sys", "bus", "pci", "devices"], let address = PCIAddress(parts[4]) {
            return try deviceAttribute(address, Array(parts[5...]), missing: missing)
        }
        // /sys/class/net/NETDEV/device/... and /sys/class/net/NETDEV/ATTR
        if parts.count >= 5, parts[0...2] == ["sys", "class", "net"], let link = link(named: parts[3]) {
            if parts[4] == "device", parts.count >= 6, let address = pciAddress(of: link) {
                return try deviceAttribute(address, Array(parts[5...]), missing: missing)
            }
            guard parts.count == 5 else { throw missing }
            switch parts[4] {
            case "operstate": return .operState(link.ifindex)
            case "carrier": return .carrier(link.ifindex)
            case "address": return .address(link.ifindex)
            default: throw missing
            }
        }
        throw missing
    }

    private func deviceAttribute(_ address: PCIAddress, _ rest: [String], missing: SimNICError) throws(SimNICError) -> SysfsAttribute {
        let isPF = physicalFunction(at: address) != nil
        guard isPF || virtualFunction(at: address) != nil else { throw missing }
        if rest.count == 2, rest[0] == "driver" {
            // The driver link exists only while a driver is bound.
            let driver = isPF ? profile.driver : (virtualFunction(at: address)?.vf.isBound == true ? vfDriver : nil)
            guard let driver else { throw missing }
            switch rest[1] {
            case "bind": return .driverBind(driver)
            case "unbind": return .driverUnbind(driver)
            default: throw missing
            }
        }
        guard rest.count == 1 else { throw missing }
        switch rest[0] {
        case "vendor": return .vendor(address)
        case "device": return .device(address)
        case "sriov_numvfs" where isPF: return .numVFs(address)
        case "sriov_totalvfs" where isPF: return .totalVFs(address)
        case "sriov_drivers_autoprobe" where isPF: return .driversAutoprobe(address)
        default: throw missing
        }
    }

    /// The PCI function behind a PF or VF netdev.
    private func pciAddress(of link: SimLink) -> PCIAddress? {
        switch link.role {
        case .physicalFunction(let number): return physicalFunctions.first { $0.number == number }?.address
        case .virtualFunction(let number, let vf): return physicalFunctions.first { $0.number == number }?.vf(vf)?.address
        default: return nil
        }
    }
}

/// One emulated sysfs attribute.
private enum SysfsAttribute {
    case driverBind(String)
    case driverUnbind(String)
    case numVFs(PCIAddress)
    case totalVFs(PCIAddress)
    case driversAutoprobe(PCIAddress)
    case vendor(PCIAddress)
    case device(PCIAddress)
    case operState(IfIndex)
    case carrier(IfIndex)
    case address(IfIndex)
}

private extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
