import Foundation

/// Runs dpdk-testpmd interactively on a null vdev with commands on standard input and splits its
/// transcript into one reply per command.
///
/// testpmd needs no huge pages and no PCI device this way (`--no-huge --no-pci -m 512
/// --vdev=net_null0`); it runs as root. Its own file prefix and `--no-shconf` keep it apart from
/// other DPDK processes on the machine. The parser answers a command it cannot read with "Bad
/// arguments" (or "Command not found" / "Ambiguous command", DPDK lib/cmdline); a command it read
/// reaches the null PMD, which has no rte_flow or rte_mtr and answers "Function not implemented".
enum Testpmd {
    static let executable = "/usr/bin/dpdk-testpmd"

    /// What testpmd printed after one command, up to its next prompt.
    struct Reply {
        let command: String
        let output: String

        /// True when testpmd's command-line parser rejected the command.
        var isParseError: Bool {
            ["Bad arguments", "Command not found", "Ambiguous command"].contains { output.contains($0) }
        }

        /// True when the command got past the parser to the driver, which refused it as
        /// unimplemented (the null PMD's answer to every rte_flow and rte_mtr call).
        var reachedDriver: Bool { output.contains("Function not implemented") }
    }

    enum Failure: Error, CustomStringConvertible {
        case missing
        case timedOut(seconds: Int, transcript: String)
        case transcriptMismatch(expected: Int, got: Int, transcript: String)

        var description: String {
            switch self {
            case .missing: return "\(Testpmd.executable) not found (apt package dpdk-dev; Tools/bootstrap installs it)"
            case .timedOut(let seconds, let transcript): return "testpmd still running after \(seconds) s; transcript:\n\(transcript)"
            case .transcriptMismatch(let expected, let got, let transcript):
                return "expected \(expected) prompts with replies, found \(got); transcript:\n\(transcript)"
            }
        }
    }

    /// Runs `commands` then `quit`, and returns one reply per command (quit excluded).
    static func run(_ commands: [String], timeoutSeconds: Int = 120) throws -> [Reply] {
        guard FileManager.default.isExecutableFile(atPath: executable) else { throw Failure.missing }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eswitch-testpmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in"), output = dir.appendingPathComponent("out")
        try Data((commands + ["quit"]).map { $0 + "\n" }.joined().utf8).write(to: input)
        FileManager.default.createFile(atPath: output.path, contents: nil)

        let prefix = "eswitch-testpmd-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--no-huge", "--no-pci", "-m", "512", "--vdev=net_null0", "--file-prefix=\(prefix)", "--no-shconf",
                             "--", "-i", "--total-num-mbufs=4096"]
        process.standardInput = try FileHandle(forReadingFrom: input)
        let sink = try FileHandle(forWritingTo: output)
        process.standardOutput = sink
        process.standardError = sink
        try process.run()
        let deadline = Date().addingTimeInterval(TimeInterval(timeoutSeconds))
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw Failure.timedOut(seconds: timeoutSeconds, transcript: (try? String(contentsOf: output, encoding: .utf8)) ?? "")
        }
        // EAL leaves its runtime directory behind; it is empty with --no-shconf.
        try? FileManager.default.removeItem(atPath: "/var/run/dpdk/\(prefix)")
        let transcript = try String(contentsOf: output, encoding: .utf8)
        return try replies(to: commands, in: transcript)
    }

    /// Splits the transcript at the prompts: testpmd echoes each command after `testpmd> `, then
    /// prints its answer.
    static func replies(to commands: [String], in transcript: String) throws -> [Reply] {
        let segments = transcript.components(separatedBy: "testpmd> ").dropFirst()
        guard segments.count == commands.count + 1 else {
            throw Failure.transcriptMismatch(expected: commands.count + 1, got: segments.count, transcript: transcript)
        }
        return zip(commands, segments).map { command, segment in
            let body = segment.hasPrefix(command) ? String(segment.dropFirst(command.count)) : segment
            return Reply(command: command, output: body.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
