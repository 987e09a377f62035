import Foundation

/// Runs a built executable of this package (it sits beside the test bundle) with arguments and
/// standard input, and collects its exit status and output.
struct CLIRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    static var productsDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    static func run(_ executable: String, _ arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws -> Result {
        try runProgram(productsDirectory.appendingPathComponent(executable).path, arguments, stdin: stdin, environment: environment)
    }

    /// Runs any program by path (e.g. a built executable under `setpriv`).
    static func runProgram(_ path: String, _ arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws -> Result {
        // Files rather than pipes: large outputs cannot deadlock and nothing runs concurrently.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eswitch-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inURL = dir.appendingPathComponent("in"), outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        try Data(stdin.utf8).write(to: inURL)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: try String(contentsOf: outURL, encoding: .utf8),
                      stderr: try String(contentsOf: errURL, encoding: .utf8))
    }
}

/// The golden iproute2 vectors (../shared beside the repository), with the generic-netlink family
/// each belongs to.
struct GoldenLines {
    struct Line {
        let command: String
        let hex: String
        /// "devlink" or "vdpa" for generic-netlink vectors (family id 0x20 in the file).
        var genericFamily: String? {
            if command.hasPrefix("devlink ") { return "devlink" }
            if command.hasPrefix("vdpa ") { return "vdpa" }
            return nil
        }
    }

    static func load() throws -> [Line] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = ProcessInfo.processInfo.environment["ESWITCH_GOLDEN_DIR"].map { $0 + "/iproute2-requests.golden" }
            ?? root.deletingLastPathComponent().appendingPathComponent("shared/golden/netlink/iproute2-requests.golden").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines: [Line] = []
        var command: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("cmd: ") { command = String(line.dropFirst(5)) }
            if line.hasPrefix("hex: "), let c = command { lines.append(Line(command: c, hex: String(line.dropFirst(5)))) }
        }
        return lines
    }
}
