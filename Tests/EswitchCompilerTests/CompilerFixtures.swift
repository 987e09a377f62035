import EswitchConfig
import EswitchModel
import Foundation

/// Intents for compiler tests: the repository's example, and generated worlds.
enum CompilerFixtures {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// examples/two-node.yaml, validated.
    static func example() throws -> ValidatedNetworkState {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("examples/two-node.yaml"), encoding: .utf8)
        return try NetworkState.fromYAML(text).validated()
    }

    /// A hardware profile from HardwareProfiles/.
    static func profile(_ name: String) throws -> HardwareProfile {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("HardwareProfiles/\(name).yaml"), encoding: .utf8)
        return try HardwareProfile(text: text)
    }
}
