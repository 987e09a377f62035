import ArgumentParser

/// `eswitch-hil sim stop --state DIR`: ends the emulator of a state directory (its host's state
/// goes with it).
struct SimStopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop the emulator serving a state directory."
    )

    @Option(help: "The state directory.")
    var state: String

    func run() throws {
        if !SimEmulatorProcess.stop(paths: SimStatePaths(state)) {
            printError("no emulator was running for \(state)")
        }
    }
}
