import ArgumentParser
import ControlAPI

/// `eswitchctl ping`: is the daemon up, and which one is it.
struct PingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ping", abstract: "Check that eswitchd answers on its socket.")

    @ParentCommand var parent: EswitchCtl
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard case .pong(let identity) = try DaemonCall.send(.ping, socket: parent.socket) else {
            printError("eswitchd answered ping with an unexpected response")
            throw ExitCode(1)
        }
        if output.json {
            try DaemonCall.printJSON(identity)
        } else {
            print("eswitchd \(identity.version) (pid \(identity.pid), platform \(identity.platform)) on \(parent.socket)")
        }
    }
}
