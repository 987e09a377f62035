import ArgumentParser
import Foundation
import HookCore
#if canImport(Glibc)
import Glibc
#endif

/// The libvirt qemu hook: turns VM lifecycle events into calls to eswitchd.
struct EswitchHook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eswitch-hook",
        abstract: "libvirt qemu hook: plugs, verifies and unplugs a domain's eswitch ports through eswitchd.",
        discussion: """
        Installed as /etc/libvirt/hooks/qemu.d/eswitch (Tools/install-hook). libvirt calls it as
        `eswitch-hook GUEST OPERATION SUB-OPERATION EXTRA` with the domain XML on stdin; the domain's
        <metadata><eswitch:ports xmlns:eswitch="urn:eswitch:libvirt:ports:1"> element maps interface
        MACs to port ids. prepare/begin plugs (failing closed), started/begin verifies, stopped/end and
        release/end unplug, reconnect/begin only reports; nothing is ever printed on stdout.
        Settings: /etc/eswitch/hook.conf (YAML: socket, timeout, plug_timeout, log_file), another file
        through --config or $ESWITCH_HOOK_CONFIG, and the flags below.
        """
    )

    @Option(help: "Configuration file (default: $ESWITCH_HOOK_CONFIG, else /etc/eswitch/hook.conf).")
    var config: String?

    @Option(help: "eswitchd's read-write socket (default: /run/eswitch/eswitchd.sock).")
    var socket: String?

    @Option(help: "Seconds to wait for verify and unplug calls (default: 5).")
    var timeout: Double?

    @Option(help: "Seconds to wait for each plug call (default: 30).")
    var plugTimeout: Double?

    @Option(help: "Append one line per call to this file.")
    var logFile: String?

    @Argument(help: "Domain name.")
    var guest: String

    @Argument(help: "Operation (prepare, start, started, stopped, release, reconnect, migrate, restore, attach...).")
    var operation: String

    @Argument(help: "Sub-operation (begin, end, -).")
    var subOperation: String

    @Argument(help: "Extra argument ('-' when libvirt has none).")
    var extra: String = "-"

    func run() throws {
        let invocation = HookInvocation(guest: guest, operation: operation, subOperation: subOperation, extra: extra)
        let action = invocation.event.action
        // Always read stdin to its end: libvirt writes the whole XML and must not block on a hook that
        // exits early; the size limit applies to what is kept.
        let input = StandardInput.read(keeping: DomainXMLGuard.maximumSize + 1)
        let location = HookConfiguration.path(flag: config, environment: ProcessInfo.processInfo.environment)
        let overrides = HookConfiguration.Overrides(socketPath: socket, timeoutSeconds: timeout, plugTimeoutSeconds: plugTimeout, logFile: logFile)
        let outcome: HookOutcome
        var settings: HookConfiguration?
        do {
            let loaded = try HookConfiguration.load(path: location.path, mayBeMissing: location.mayBeMissing, overrides: overrides)
            settings = loaded
            var interruption: Interruption?
            if action == .plug {
                interruption = Interruption()
                interruption?.watch([SIGTERM, SIGINT])
            }
            let runner = HookRunner(client: UnixControlClient(socketPath: loaded.socketPath, interruption: interruption),
                                    configuration: loaded, interruption: interruption)
            outcome = runner.run(invocation, input: input.bytes, inputSize: input.total)
        } catch {
            // A broken configuration must not block what needs no daemon, nor kill a running QEMU.
            switch action {
            case .none: outcome = .done("nothing to do")
            case .verify(failureStopsDomain: false): outcome = .reported("\(error)")
            default: outcome = .failed("\(error)")
            }
        }
        if let message = outcome.message {
            FileHandle.standardError.write(Data("eswitch-hook: \(message)\n".utf8))
        }
        if let logFile = settings?.logFile {
            HookLogFile.append("\(invocation.summary) \(invocation.extra): \(outcome.summary)", to: logFile)
        }
        Foundation.exit(outcome.exitStatus)
    }
}

EswitchHook.main(HookArguments.positionalsProtected(Array(CommandLine.arguments.dropFirst())))
