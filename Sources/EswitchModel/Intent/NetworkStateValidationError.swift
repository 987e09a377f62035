/// The error `NetworkState.validated()` throws: every problem found, section by
/// section in document order.
public struct NetworkStateValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// All problems (never empty).
    public var problems: [ValidationProblem]

    public init(problems: [ValidationProblem]) { self.problems = problems }

    /// One line per problem, after a count.
    public var description: String {
        let noun = problems.count == 1 ? "problem" : "problems"
        return (["invalid network state (\(problems.count) \(noun)):"] + problems.map { "  \($0)" }).joined(separator: "\n")
    }
}
