import Daemon
import Foundation
import Logging
import SimNICRemote

/// The emulator process behind `--platform sim:PROFILE`: found through `STATE_DIR/sim` (its socket
/// and pid file), or started there on first use, so that the emulated NIC keeps its rules and keeps
/// forwarding while the daemon is down or restarting.
public enum EmulatorWiring {
    /// What the daemon attached to.
    public struct Emulator: Sendable {
        /// The emulator's socket.
        public var socket: String
        public var description: SimEmulatorDescription
        public var started: Bool
    }

    /// The emulator's state directory for a daemon state directory.
    public static func directory(stateDirectory: String) -> String {
        URL(fileURLWithPath: stateDirectory).appendingPathComponent("sim").path
    }

    /// Finds the emulator of the state directory or starts one with `settings`, and checks that it
    /// emulates `profile`.
    /// - Throws: `DaemonStartupError` with the launcher's reason, or naming the profile the running
    ///   emulator has and how to stop it.
    public static func attach(profile: String, settings: SimEmulatorSettings, stateDirectory: String,
                              catalog: ProfileCatalog, logger: Logger) throws -> Emulator {
        let directory = directory(stateDirectory: stateDirectory)
        let executable = settings.emulator ?? defaultExecutable()
        let launcher = SimEmulatorLauncher(directory: directory, executable: executable, arguments: settings.serveArguments(profile: profile),
                                           environment: ["ESWITCH_PROFILES_DIR": catalog.directory], startTimeout: settings.startTimeout)
        let attachment: SimEmulatorLauncher.Attachment
        do throws(SimRemoteError) {
            attachment = try launcher.attach()
        } catch {
            throw DaemonStartupError("emulator of \(directory): \(error)")
        }
        let found = attachment.description
        guard found.profile == profile else {
            throw DaemonStartupError("the emulator serving \(directory) (pid \(found.pid)) emulates \(found.profile), not \(profile); "
                                     + "stop it with `eswitch-hil sim stop --state \(directory)` to start another NIC model")
        }
        for path in attachment.removedStaleFiles { logger.notice("removed a stale emulator file", metadata: ["path": "\(path)"]) }
        logger.info(attachment.started ? "emulator started" : "emulator found", metadata: [
            "pid": "\(found.pid)", "profile": "\(found.profile)", "socket": "\(launcher.files.socket)",
            "pf": "\(found.physicalFunctions.map(\.description).joined(separator: ","))",
            "backing": "\(found.argument("--backing") ?? "none")",
        ])
        let requested = settings.backing.rawValue
        if !attachment.started, (found.argument("--backing") ?? "none") != requested {
            logger.warning("the running emulator has another port backing than configured; it is used as it is",
                           metadata: ["running": "\(found.argument("--backing") ?? "none")", "configured": "\(requested)"])
        }
        return Emulator(socket: launcher.files.socket, description: found, started: attachment.started)
    }

    /// `eswitch-hil` beside the running executable (both are built and installed together).
    public static func defaultExecutable() -> String {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("eswitch-hil").path
    }
}
