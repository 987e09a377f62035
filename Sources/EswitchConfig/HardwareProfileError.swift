import EswitchModel

/// A hardware profile text that could not be read: every problem found, each with its path.
public struct HardwareProfileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// All problems, in document order (type and vocabulary problems first, then consistency).
    public var issues: [HardwareProfileIssue]

    public init(issues: [HardwareProfileIssue]) { self.issues = issues }

    /// One `path: message` line per problem.
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
