import Foundation

/// Runs the built eswitch-hook (beside the test bundle) as libvirt does: arguments, the domain
/// XML on stdin, stdout and stderr collected through files.
final class HookProcess {
    struct Result {
        let status: Int32
        let reason: Process.TerminationReason
        let stdout: String
        let stderr: String
    }

    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("eswitch-hook")
    }

    let process = Process()
    private let directory: URL

    /// Starts the hook (not waiting for it).
    init(_ arguments: [String], stdin: [UInt8], socket: String?, extraOptions: [String] = []) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("eswitch-hook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let input = directory.appendingPathComponent("in")
        try Data(stdin).write(to: input)
        try Data().write(to: directory.appendingPathComponent("out"))
        try Data().write(to: directory.appendingPathComponent("err"))
        process.executableURL = Self.executable
        // An empty configuration file: the tests never read the machine's /etc/eswitch.
        try Data().write(to: directory.appendingPathComponent("none.conf"))
        var options = ["--config", directory.appendingPathComponent("none.conf").path]
        if let socket { options += ["--socket", socket] }
        process.arguments = options + extraOptions + arguments
        process.environment = ["PATH": "/usr/bin:/bin"]  // libvirt clears the environment too
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: directory.appendingPathComponent("out"))
        process.standardError = try FileHandle(forWritingTo: directory.appendingPathComponent("err"))
        try process.run()
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Waits for the hook to end.
    func finish() throws -> Result {
        process.waitUntilExit()
        return Result(status: process.terminationStatus, reason: process.terminationReason,
                      stdout: try String(contentsOf: directory.appendingPathComponent("out"), encoding: .utf8),
                      stderr: try String(contentsOf: directory.appendingPathComponent("err"), encoding: .utf8))
    }

    /// Runs the hook to its end.
    static func run(_ arguments: [String], stdin: [UInt8], socket: String?, extraOptions: [String] = []) throws -> Result {
        try HookProcess(arguments, stdin: stdin, socket: socket, extraOptions: extraOptions).finish()
    }
}
