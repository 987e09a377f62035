import Daemon
import EswitchConfig
import EswitchModel
import Foundation

/// The NIC models the daemon knows: every `*.yaml` of the hardware profiles directory.
///
/// The directory is `$ESWITCH_PROFILES_DIR`, else `/usr/share/eswitch/HardwareProfiles` when it
/// exists (an installed daemon), else the `HardwareProfiles` directory of the package the
/// executable was built in (found by walking up from the executable).
public struct ProfileCatalog: Sendable {
    public let directory: String
    public let profiles: [HardwareProfile]

    /// Reads every profile of the directory.
    /// - Throws: `DaemonStartupError` naming the file and its first problem, or the directory
    ///   when it holds no profile.
    public init(directory: String = ProfileCatalog.defaultDirectory()) throws {
        self.directory = directory
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        guard !files.isEmpty else { throw DaemonStartupError("no hardware profiles (*.yaml) in \(directory); set ESWITCH_PROFILES_DIR") }
        var profiles: [HardwareProfile] = []
        for file in files {
            let path = directory + "/" + file
            do {
                profiles.append(try HardwareProfile(text: String(contentsOfFile: path, encoding: .utf8)))
            } catch let error as HardwareProfileError {
                throw DaemonStartupError("\(path): \(error.issues.first.map { "\($0)" } ?? "unreadable")")
            } catch {
                throw DaemonStartupError("\(path): cannot read the file")
            }
        }
        self.profiles = profiles
    }

    /// The profile with this id (file name without `.yaml`).
    /// - Throws: `DaemonStartupError` listing the known ids.
    public func profile(_ id: String) throws -> HardwareProfile {
        guard let profile = profiles.first(where: { $0.id.rawValue == id }) else {
            throw DaemonStartupError("unknown hardware profile '\(id)' (known: \(profiles.map(\.id.rawValue).joined(separator: ", ")) in \(directory))")
        }
        return profile
    }

    public static func defaultDirectory() -> String {
        if let directory = ProcessInfo.processInfo.environment["ESWITCH_PROFILES_DIR"], !directory.isEmpty { return directory }
        let installed = "/usr/share/eswitch/HardwareProfiles"
        if FileManager.default.fileExists(atPath: installed) { return installed }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" && !directory.path.isEmpty {
            let candidate = directory.appendingPathComponent("HardwareProfiles").path
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path),
               FileManager.default.fileExists(atPath: candidate) {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath + "/HardwareProfiles"
    }
}
