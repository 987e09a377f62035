import ArgumentParser
import ControlAPI

/// `eswitchctl`: status, explain, dump and debug tool. Talks to eswitchd, except for the offline
/// sub-commands (compile, netlink encode/decode).
@main
struct EswitchCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eswitchctl",
        abstract: "eswitch status, explain, dump and debug tool.",
        discussion: """
        Offline sub-commands work without a daemon: `compile` turns a network intent into rules
        placed for a NIC model (hardware, split or software, with reasons); `netlink decode` turns
        netlink request bytes (hex, one message per line) into one JSON object per line, and
        `netlink encode` turns those JSON lines back into hex. Malformed input gets an error naming
        the line and the byte offset, field or path, and exit code 2.

        Daemon sub-commands talk to eswitchd over its Unix socket (`--socket PATH`, before the \
        sub-command): `ping`, `apply FILE`, `status`, `rules [--type hw|sw] [--port ID]`, \
        `explain PORT|RULE`; `-j` prints JSON. When the daemon is not running they print one \
        line naming the socket and exit with code 1.
        """,
        subcommands: [CompileCommand.self, NetlinkCommand.self,
                      PingCommand.self, ApplyCommand.self, StatusCommand.self, RulesCommand.self, ExplainCommand.self]
    )

    @Option(help: "The daemon's socket for ping, apply, status, rules and explain (the read-only socket is enough for the queries).")
    var socket: String = ControlSocketPaths.readWrite
}
