import ArgumentParser

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
        """,
        subcommands: [CompileCommand.self, NetlinkCommand.self]
    )
}
