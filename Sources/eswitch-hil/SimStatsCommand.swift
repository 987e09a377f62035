import ArgumentParser
import Foundation

/// `eswitch-hil sim stats --state DIR`: the forwarding counters of an emulator serving with
/// `--backing netns` (frames per device, the eswitch's verdicts, drops by reason), as JSON.
struct SimStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print the data plane counters of an emulator whose ports are backed by kernel devices (JSON).",
        discussion: "Hardware rule counters are the filters' own: `sim exec ... -- tc -s filter show dev pf0vf0 ingress`."
    )

    @Option(help: "The state directory.")
    var state: String

    func run() throws {
        let paths = SimStatePaths(state)
        guard SimSocket.isServing(paths.socket) else { throw SimCommandError("no emulator is serving \(state)") }
        guard let data = FileManager.default.contents(atPath: paths.statistics) else {
            throw SimCommandError("the emulator of \(state) forwards no frames (started without --backing netns)")
        }
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
