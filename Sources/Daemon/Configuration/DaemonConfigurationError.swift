import EswitchModel

/// Every problem that keeps a configuration from being used, each with its key path (or flag).
public struct DaemonConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Never empty.
    public var problems: [ValidationProblem]
    /// The configuration file, when the problems come from one.
    public var source: String?

    public init(problems: [ValidationProblem], source: String?) {
        self.problems = problems
        self.source = source
    }

    /// One line per problem: `FILE: key.path: message`.
    public var lines: [String] {
        problems.map { problem in
            let prefix = problem.path.hasPrefix("--") || source == nil ? "" : "\(source!): "
            return prefix + problem.description
        }
    }

    public var description: String { lines.joined(separator: "\n") }
}
