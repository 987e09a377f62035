import Agent
import EswitchModel
import Foundation
import Platform
import SimNICRemote

/// VF driver binding through sysfs: `DEV/driver/unbind` and `/sys/bus/pci/drivers_probe`
/// (Documentation/ABI/testing/sysfs-bus-pci in the kernel tree).
struct SysfsVFDriverBinding: VFDriverBinding {
    var devicesRoot = "/sys/bus/pci/devices"
    var probePath = "/sys/bus/pci/drivers_probe"

    func unbind(vf: PCIAddress) throws(PlatformError) {
        let unbind = "\(devicesRoot)/\(vf)/driver/unbind"
        // No driver link: the VF is not bound, which is what was asked.
        guard FileManager.default.fileExists(atPath: unbind) else { return }
        try write("\(vf)", to: unbind)
    }

    func bind(vf: PCIAddress) throws(PlatformError) {
        guard !FileManager.default.fileExists(atPath: "\(devicesRoot)/\(vf)/driver") else { return }
        try write("\(vf)", to: probePath)
    }

    private func write(_ text: String, to path: String) throws(PlatformError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .systemCall(SystemCallError("open \(path)", errno: Errno(errno))) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var written: Int
        repeat { written = Foundation.write(fd, bytes, bytes.count) } while written < 0 && errno == EINTR
        guard written == bytes.count else { throw .systemCall(SystemCallError("write \(path)", errno: Errno(errno))) }
    }
}

// The emulated hosts' bindings (in process, and an emulator process) are the agent's.
extension SimEndpointDriverBinding: VFDriverBinding {}
extension SimRemoteDriverBinding: VFDriverBinding {}
