/// One problem found in a hardware profile: where (a path such as `actions[3].only_on[0]`) and what.
public struct HardwareProfileIssue: Hashable, Sendable, CustomStringConvertible {
    /// The path of the offending value, e.g. `pci.vf_device_ids[1]`; empty for the whole document.
    public var path: String
    /// What is wrong, e.g. `unknown flower key "dst_macc"`.
    public var message: String
    /// The 1-based line in the text it was read from, when known.
    public var line: Int?

    public init(path: String, message: String, line: Int? = nil) {
        self.path = path
        self.message = message
        self.line = line
    }

    /// `path: message` (the path is `(document)` for problems of the whole text).
    public var description: String { "\(path.isEmpty ? "(document)" : path): \(message)" }
}
