import ArgumentParser
import Foundation
import SimNIC

/// `eswitch-hil sim sysfs --state DIR PATH [VALUE]`: reads or writes a sysfs attribute of the
/// emulated host, as `cat PATH` and `echo VALUE > PATH` do on a real one (driver bind/unbind,
/// sriov_numvfs, sriov_drivers_autoprobe...), starting the emulator when none serves the directory.
struct SimSysfsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sysfs",
        abstract: "Read or write a sysfs attribute of the emulated host (cat PATH / echo VALUE > PATH).",
        discussion: """
        The paths are the real ones: /sys/bus/pci/drivers/DRIVER/{bind,unbind}, \
        /sys/bus/pci/devices/BDF/{sriov_numvfs,sriov_totalvfs,sriov_drivers_autoprobe,vendor,device}, \
        /sys/bus/pci/devices/BDF/driver/unbind and /sys/class/net/NETDEV/device/... A write fails as \
        the kernel's store function does (No such device, Device or resource busy...), exit status 1.

        The mlx5 order for switchdev, as a script does it:
          sim() { eswitch-hil sim sysfs --profile connectx-6dx --vfs 2 --state /tmp/host1 "$@"; }
          sim /sys/bus/pci/drivers/mlx5_core/unbind 0000:03:00.2
          sim /sys/bus/pci/drivers/mlx5_core/unbind 0000:03:00.3
          eswitch-hil sim exec --profile connectx-6dx --state /tmp/host1 -- devlink dev eswitch set pci/0000:03:00.0 mode switchdev
          sim /sys/bus/pci/drivers/mlx5_core/bind 0000:03:00.2
        """
    )

    @OptionGroup var host: SimHostOptions

    @OptionGroup var ports: SimBackingOptions

    @Option(help: "The state directory (default: eswitch-sim-PROFILE in the temporary directory).")
    var state: String?

    @Argument(help: "The sysfs path.")
    var path: String

    @Argument(help: "The value to write; without it the attribute is read.")
    var value: String?

    func validate() throws {
        guard path.hasPrefix("/sys/") else { throw ValidationError("the path must be a /sys path, got '\(path)'") }
    }

    func run() throws {
        let directory = state ?? URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
            .appendingPathComponent("eswitch-sim-" + host.profile.replacingOccurrences(of: "/", with: "_")).path
        let paths = SimStatePaths(directory)
        try SimEmulatorProcess.ensureRunning(host: host, ports: ports, directory: directory, paths: paths)
        let answer = try SimSocket.exchange(paths.socket, protocol: SimSysfsExchange.protocolNumber,
                                            SimSysfsExchange.request(path: path, value: value.map { $0 + "\n" }))
        switch SimSysfsExchange.decode(answer) {
        case .success(let text):
            FileHandle.standardOutput.write(Data(text.utf8))
        case .failure(let error):
            // The shell's words for a failed redirection write or read, then the emulator's reason.
            let verb = value == nil ? "read" : "write"
            printError("eswitch-hil: \(verb) \(path): \(String(cString: strerror(error.errno.rawValue)))" + (error.message.map { " (\($0))" } ?? ""))
            throw ExitCode(1)
        }
    }
}

extension SimSocket {
    /// Sends one frame to the emulator at `path` and returns the first answer datagram.
    static func exchange(_ path: String, protocol number: UInt32, _ datagram: [UInt8]) throws -> [UInt8] {
        var address = try address(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SimCommandError("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { throw SimCommandError("cannot reach the emulator at \(path): \(String(cString: strerror(errno)))") }
        var frame: [UInt8] = []
        append(UInt32(datagram.count + 8), to: &frame)
        append(number, to: &frame)
        append(UInt32(getpid()), to: &frame)
        frame += datagram
        guard write(fd, frame), let head = read(fd, count: 4), u32(head, 0) >= 1,
              let lengthBytes = read(fd, count: 4), let answer = read(fd, count: Int(u32(lengthBytes, 0))) else {
            throw SimCommandError("the emulator at \(path) closed the connection")
        }
        return answer
    }
}
