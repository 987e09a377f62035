import EswitchConfig
import EswitchModel
import Foundation
import SimNIC
import SimNICRemote

/// Paths and processes the tests share.
enum Fixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `eswitch-hil`, beside the test bundle.
    static var emulatorExecutable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("eswitch-hil").path
    }

    static func profile(_ id: String) throws -> HardwareProfile {
        try HardwareProfile(text: String(contentsOf: repository.appendingPathComponent("HardwareProfiles/\(id).yaml"), encoding: .utf8))
    }

    /// A fresh directory with a short path (sockets must fit sun_path).
    static func directory() -> String {
        let path = "/tmp/esr-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A launcher for an emulated ConnectX-6 Dx with one PF and `vfs` VFs in switchdev mode.
    static func launcher(directory: String, profile: String = "connectx-6dx", vfs: Int = 2) -> SimEmulatorLauncher {
        SimEmulatorLauncher(directory: directory, executable: emulatorExecutable,
                            arguments: ["--profile", profile, "--pfs", "1", "--vfs", String(vfs), "--switchdev"],
                            environment: ["ESWITCH_PROFILES_DIR": repository.appendingPathComponent("HardwareProfiles").path],
                            startTimeout: .seconds(60))
    }

    /// Ends a process and waits until it is gone.
    static func stop(_ pid: Int32, signal: Int32 = SIGTERM) {
        guard pid > 0 else { return }
        kill(pid, signal)
        for _ in 0..<500 where kill(pid, 0) == 0 { usleep(10_000) }
        if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        for _ in 0..<500 where kill(pid, 0) == 0 { usleep(10_000) }
    }
}

/// An emulator process for one test: started in a fresh directory, stopped and removed after.
final class RunningEmulator {
    let directory: String
    let launcher: SimEmulatorLauncher
    let attachment: SimEmulatorLauncher.Attachment

    init(vfs: Int = 2) throws {
        directory = Fixture.directory()
        launcher = Fixture.launcher(directory: directory, vfs: vfs)
        do {
            attachment = try launcher.attach()
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    var pid: Int32 { attachment.description.pid }
    var socket: String { launcher.files.socket }

    deinit {
        Fixture.stop(pid)
        try? FileManager.default.removeItem(atPath: directory)
    }
}
