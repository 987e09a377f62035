/// How one hook call ended: the exit status libvirt sees, the line for stderr and the log line.
public struct HookOutcome: Hashable, Sendable {
    public var exitStatus: Int32
    /// One line for stderr (nil: stderr stays empty). Never printed on stdout: `migrate`, `restore`
    /// and scripts in `qemu.d` hand stdout on as replacement domain XML.
    public var message: String?
    /// What happened, for the log file.
    public var summary: String

    public init(exitStatus: Int32, message: String?, summary: String) {
        self.exitStatus = exitStatus
        self.message = message.map(Self.oneLine)
        self.summary = Self.oneLine(summary)
    }

    /// Success; nothing on stderr.
    public static func done(_ summary: String) -> HookOutcome { HookOutcome(exitStatus: 0, message: nil, summary: summary) }

    /// Failure with its reason on stderr.
    public static func failed(_ reason: String) -> HookOutcome { HookOutcome(exitStatus: 1, message: reason, summary: "failed: \(reason)") }

    /// Exit 0 although something went wrong (the reason still goes to stderr and the log).
    public static func reported(_ reason: String) -> HookOutcome { HookOutcome(exitStatus: 0, message: reason, summary: "ignored failure: \(reason)") }

    /// libvirt logs stderr as one line; daemon messages could hold newlines.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
