import Yams

extension HookConfiguration {
    /// Reads the configuration file's YAML text (a mapping of the keys in `Key`); keys not given keep
    /// their defaults, unknown keys are refused.
    /// - Throws: `HookConfigurationProblem` naming the key and line.
    public static func parse(yaml text: String) throws(HookConfigurationProblem) -> HookConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw HookConfigurationProblem("YAML syntax error: \(String(describing: error).split(whereSeparator: \.isNewline).first ?? "")")
        }
        var configuration = HookConfiguration()
        guard let root else { return configuration }
        guard case .mapping(let mapping) = root else { throw HookConfigurationProblem("expected a mapping of settings at the top level") }
        for (keyNode, value) in mapping {
            let line = keyNode.mark.map { "line \($0.line): " } ?? ""
            guard let name = keyNode.scalar?.string, let key = Key(rawValue: name) else {
                let expected = Key.allCases.map(\.rawValue).joined(separator: ", ")
                throw HookConfigurationProblem("\(line)unknown key '\(keyNode.scalar?.string ?? "?")' (expected one of: \(expected))")
            }
            guard let scalar = value.scalar else { throw HookConfigurationProblem("\(line)\(name) must be a single value") }
            switch key {
            case .socket, .logFile:
                guard !scalar.string.isEmpty, scalar.string.hasPrefix("/") else {
                    throw HookConfigurationProblem("\(line)\(name) must be an absolute path, not '\(scalar.string)'")
                }
                if key == .socket { configuration.socketPath = scalar.string } else { configuration.logFile = scalar.string }
            case .timeout, .plugTimeout:
                guard let seconds = Double(scalar.string) else {
                    throw HookConfigurationProblem("\(line)\(name) must be a number of seconds, not '\(scalar.string)'")
                }
                do {
                    let checked = try checkedTimeout(seconds, name: name)
                    if key == .timeout { configuration.timeoutSeconds = checked } else { configuration.plugTimeoutSeconds = checked }
                } catch {
                    throw HookConfigurationProblem("\(line)\(error)")
                }
            }
        }
        return configuration
    }
}
