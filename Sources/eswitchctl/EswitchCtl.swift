import ArgumentParser

/// `eswitchctl`: status, explain, dump and debug tool. Talks to eswitchd, except for the offline
/// sub-commands (netlink encode/decode).
@main
struct EswitchCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eswitchctl",
        abstract: "eswitch status, explain, dump and debug tool.",
        discussion: """
        Offline sub-commands work without a daemon: `netlink decode` turns netlink request bytes
        (hex, one message per line) into one JSON object per line, and `netlink encode` turns those
        JSON lines back into hex. Malformed input gets a one-line error naming the line and the byte
        offset or field, and exit code 2.
        """,
        subcommands: [NetlinkCommand.self]
    )
}
