import ArgumentParser
import Foundation
import Netlink

/// `eswitchctl netlink decode [HEX...]`: hex netlink messages -> one JSON object per line.
struct NetlinkDecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode hex netlink messages (one per line, from arguments or stdin) into JSON lines.",
        discussion: """
        rtnetlink (links, VF config, neighbours/FDB, tc qdiscs and flower filters) is decoded by
        default. Generic-netlink messages carry a family id the kernel assigned at run time: name it
        with --family (e.g. --family devlink=0x20), or use --protocol generic. Example:
          eswitchctl netlink decode 3000000024000506...
        """
    )

    @Option(help: "Protocol of the messages: route or generic. Default: route, except types named by --family.")
    var `protocol`: NetlinkProtocol?

    @Option(name: .customLong("family"), help: "A generic-netlink family id, NAME=ID (nlctrl, devlink, vdpa). Repeatable.")
    var families: [GenericFamilyAssignment] = []

    @Flag(help: "Pretty-print each JSON object over several lines.")
    var pretty = false

    @Argument(help: "Hex messages. Without arguments, reads one per line from standard input.")
    var hex: [String] = []

    func run() throws {
        let familyMap = Dictionary(families.map { ($0.id, $0.family) }, uniquingKeysWith: { _, last in last })
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        var failed = false
        for line in InputLine.read(arguments: hex) {
            do {
                let bytes = try HexParseError.parse(line.text)
                let messages = try decode(bytes, families: familyMap)
                for message in messages {
                    print(String(decoding: try encoder.encode(message), as: UTF8.self))
                }
            } catch {
                printError("line \(line.number): \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
    }

    /// Decodes every message in a line, picking the protocol per message type.
    func decode(_ bytes: [UInt8], families: [UInt16: GenericFamily]) throws -> [NetlinkMessage] {
        var out: [NetlinkMessage] = []
        var offset = 0
        while offset < bytes.count {
            let type = bytes.count >= offset + 6 ? UInt16(bytes[offset + 4]) | UInt16(bytes[offset + 5]) << 8 : 0
            let chosen: NetlinkProtocol = self.protocol ?? (families[type] != nil ? .generic : .route)
            let context = NetlinkDecodingContext(chosen, families: families)
            let (message, length) = try NetlinkMessage.decode(bytes[offset...], context: context)
            out.append(message)
            offset += netlinkAlign(length)
        }
        return out
    }
}

extension NetlinkProtocol: ExpressibleByArgument {}
