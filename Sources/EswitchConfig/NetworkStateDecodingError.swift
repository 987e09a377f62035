import EswitchModel

/// The error thrown when a network state text cannot be read: syntax errors, wrong types, missing
/// or unknown keys. Lists every problem found, each with its path (and its line in YAML).
public struct NetworkStateDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// All problems (never empty), by line for YAML.
    public var problems: [ValidationProblem]

    public init(problems: [ValidationProblem]) { self.problems = problems }

    /// One line per problem, after a count.
    public var description: String {
        let noun = problems.count == 1 ? "problem" : "problems"
        return (["cannot read network state (\(problems.count) \(noun)):"] + problems.map { "  \($0)" }).joined(separator: "\n")
    }
}
