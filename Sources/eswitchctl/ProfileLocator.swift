import EswitchConfig
import EswitchModel
import Foundation

/// Finds and reads a hardware profile given by name (`connectx-6dx`, looked up in
/// HardwareProfiles/) or by file path.
///
/// The profiles directory is, in order: `$ESWITCH_PROFILES_DIR`; the `HardwareProfiles` directory of
/// the package the executable was built in (found by walking up from the executable to a directory
/// holding `Package.swift` and `HardwareProfiles/`); `./HardwareProfiles`.
enum ProfileLocator {
    /// The profile `argument` names.
    /// - Throws: `CompileFailure`: one line for an unknown name or unreadable file, one line per
    ///   problem for a profile that does not read.
    static func load(_ argument: String) throws(CompileFailure) -> HardwareProfile {
        let path: String
        if isPath(argument) {
            path = argument
        } else {
            guard HardwareProfileID(argument).isValid else {
                throw CompileFailure("invalid hardware profile name '\(argument)' (lower-case letters, digits and '-'; or give a file path)")
            }
            let directory = profilesDirectory()
            path = directory.appendingPathComponent("\(argument).yaml").path
            guard FileManager.default.fileExists(atPath: path) else {
                let known = names(in: directory)
                let list = known.isEmpty ? "none found" : "known: " + known.joined(separator: ", ")
                throw CompileFailure("unknown hardware profile '\(argument)' (\(list) in \(directory.path))")
            }
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CompileFailure(FileManager.default.fileExists(atPath: path) ? "\(path): cannot read the file as UTF-8 text" : "\(path): no such file")
        }
        do {
            return try HardwareProfile(text: text)
        } catch {
            throw CompileFailure(lines: error.issues.map { "\(path): \($0)" })
        }
    }

    /// True when the argument is a file path rather than a profile name.
    static func isPath(_ argument: String) -> Bool {
        argument.contains("/") || [".yaml", ".yml", ".json"].contains { argument.lowercased().hasSuffix($0) }
    }

    /// Where named profiles are looked up.
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
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true).appendingPathComponent("HardwareProfiles", isDirectory: true)
    }

    /// The profile names (files `NAME.yaml`) in `directory`, sorted.
    static func names(in directory: URL) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }
}
