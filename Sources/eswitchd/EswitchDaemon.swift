import ArgumentParser
import ControlAPI
import Daemon
import DaemonAgent
import Foundation
import Logging

/// The node daemon: the only process that changes the node (NICs, VFs, eswitch rules).
@main
struct EswitchDaemon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eswitchd",
        abstract: "The eswitch node daemon: provisions VFs and vDPA devices and keeps the NIC's eswitch rules equal to the cloud's network intent.",
        discussion: """
        eswitchd serves its local API on a read-write Unix socket (intent updates, plug/unplug from eswitch-hook) and an optional read-only one (status, rules, explain for eswitchctl), checks every caller's uid/gid (SO_PEERCRED) against the configured allow-lists, keeps the intent and the port bindings in STATE_DIR/state.json (fsync'd, replaced atomically), logs one JSON object per line on stderr, serves Prometheus metrics on --metrics-listen, tells systemd READY=1 after the first reconcile, and shuts down gracefully on SIGTERM or SIGINT.

        Flags override the configuration file (see Tools/systemd/eswitchd.yaml for every key). `eswitchd --check-config FILE` prints "ok", or every problem with its key path and exits 2.
        """
    )

    @Option(help: "The host to drive: linux, or sim:PROFILE for an emulated NIC (e.g. sim:connectx-6dx).")
    var platform: String?

    @Option(name: .customLong("state-dir"), help: "Directory of the durable state (intent, port bindings).")
    var stateDirectory: String?

    @Option(help: "Path of the read-write API socket (default \(ControlSocketPaths.readWrite)).")
    var socket: String?

    @Option(name: .customLong("ro-socket"), help: "Path of the read-only API socket.")
    var readOnlySocket: String?

    @Option(help: "Configuration file (YAML, or JSON when it ends in .json).")
    var config: String?

    @Option(name: .customLong("check-config"), help: "Check a configuration file, print ok or every problem, and exit.")
    var checkConfig: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String?

    @Option(name: .customLong("log-format"), help: "json (one object per line) or text.")
    var logFormat: String?

    @Option(name: .customLong("metrics-listen"), help: "HOST:PORT to serve GET /metrics on.")
    var metricsListen: String?

    var overrides: DaemonConfigurationOverrides {
        DaemonConfigurationOverrides(platform: platform, stateDirectory: stateDirectory, socket: socket, readOnlySocket: readOnlySocket,
                                     logLevel: logLevel, logFormat: logFormat, metricsListen: metricsListen)
    }

    func validate() throws {
        if checkConfig != nil && config != nil { throw ValidationError("--check-config takes the file itself; drop --config") }
    }

    func run() async throws {
        if let checkConfig {
            do {
                _ = try ConfigurationLoader.load(path: checkConfig, overrides: overrides)
                print("ok")
                return
            } catch {
                for line in error.lines { printError(line) }
                throw ExitCode(2)
            }
        }
        let configuration: DaemonConfiguration
        do {
            configuration = try ConfigurationLoader.load(path: config, overrides: overrides)
        } catch {
            for line in error.lines { printError(line) }
            throw ExitCode(2)
        }
        let logger = DaemonLogging.logger(label: "eswitchd", format: configuration.logFormat, level: configuration.logLevel)
        do {
            let catalog = try ProfileCatalog()
            let handler = try NodeWiring.handler(for: configuration, catalog: catalog, logger: logger)
            let runner = DaemonRunner(configuration: configuration, handler: handler, logger: logger,
                                      notifier: SystemdNotifier(environment: ProcessInfo.processInfo.environment))
            try await runner.run()
        } catch {
            logger.critical("cannot run", metadata: ["reason": "\(error)"])
            printError("eswitchd: \(error)")
            throw ExitCode(1)
        }
    }
}

/// Writes one line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
