import Daemon
import DaemonAgent
import EswitchModel
import Foundation

/// Reads the configuration file (when there is one) and merges the flags over it.
enum ConfigurationLoader {
    /// - Throws: `DaemonConfigurationError` with every problem, including an unreadable file and
    ///   an emulated NIC model that is not among the hardware profiles.
    static func load(path: String?, overrides: DaemonConfigurationOverrides) throws(DaemonConfigurationError) -> DaemonConfiguration {
        let configuration = try resolve(path: path, overrides: overrides)
        if case .sim(let id) = configuration.platform {
            do {
                _ = try ProfileCatalog().profile(id)
            } catch {
                let key = overrides.platform != nil ? "--platform" : "platform"
                throw DaemonConfigurationError(problems: [ValidationProblem(path: key, message: "\(error)")], source: path)
            }
        }
        return configuration
    }

    private static func resolve(path: String?, overrides: DaemonConfigurationOverrides) throws(DaemonConfigurationError) -> DaemonConfiguration {
        guard let path else { return try DaemonConfiguration.resolve(file: nil, source: nil, overrides: overrides) }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file as UTF-8 text" : "no such file"
            throw DaemonConfigurationError(problems: [.init(path: "", message: reason)], source: path)
        }
        let file = try DaemonConfiguration.readFile(text: text, source: path)
        return try DaemonConfiguration.resolve(file: file, source: path, overrides: overrides)
    }
}
