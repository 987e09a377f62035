import EswitchConfig
import EswitchModel
import Foundation

/// Finds a hardware profile by name or path, like eswitchctl: `$ESWITCH_PROFILES_DIR`, else the
/// `HardwareProfiles` directory of the package the executable was built in, else
/// `./HardwareProfiles`.
enum ProfileLookup {
    /// The profile `argument` names.
    /// - Throws: ``SimCommandError`` with one line per problem.
    static func load(_ argument: String) throws -> HardwareProfile {
        let isPath = argument.contains("/") || argument.hasSuffix(".yaml") || argument.hasSuffix(".yml") || argument.hasSuffix(".json")
        let path = isPath ? argument : profilesDirectory().appendingPathComponent("\(argument).yaml").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SimCommandError("hardware profile '\(argument)': cannot read \(path)")
        }
        do {
            return try HardwareProfile(text: text)
        } catch {
            throw SimCommandError(error.issues.map { "\(path): \($0)" }.joined(separator: "\n"))
        }
    }

    static func profilesDirectory() -> URL {
        if let dir = ProcessInfo.processInfo.environment["ESWITCH_PROFILES_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir, isDirectory: true)
        }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var dir = executable.deletingLastPathComponent()
            while dir.path != "/" && !dir.path.isEmpty {
                let profiles = dir.appendingPathComponent("HardwareProfiles", isDirectory: true)
                if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path),
                   FileManager.default.fileExists(atPath: profiles.path) {
                    return profiles
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("HardwareProfiles", isDirectory: true)
    }
}

/// A failure of a `sim` sub-command, as one message.
struct SimCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
