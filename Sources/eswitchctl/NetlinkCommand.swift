import ArgumentParser

/// `eswitchctl netlink`: offline netlink tools.
struct NetlinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netlink",
        abstract: "Decode, encode and replay netlink messages (rtnetlink, tc, devlink, vdpa) offline.",
        subcommands: [NetlinkDecodeCommand.self, NetlinkEncodeCommand.self, NetlinkSendCommand.self]
    )
}
