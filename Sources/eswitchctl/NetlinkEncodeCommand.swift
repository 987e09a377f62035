import ArgumentParser
import Foundation
import Netlink

/// `eswitchctl netlink encode`: JSON lines (as printed by `netlink decode`) -> hex.
struct NetlinkEncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Encode JSON netlink messages (one object per line, from arguments or stdin) into hex.",
        discussion: "The JSON form is the one `eswitchctl netlink decode` prints; decode then encode gives back the same bytes."
    )

    @Argument(help: "JSON messages. Without arguments, reads one per line from standard input.")
    var json: [String] = []

    /// Deeper JSON than this is refused before parsing (no netlink message nests this deep).
    static let maximumDepth = 64

    func run() throws {
        let decoder = JSONDecoder()
        var failed = false
        for line in InputLine.read(arguments: json) {
            do {
                try JSONShape.check(line.text, maximumDepth: Self.maximumDepth)
                let message = try decoder.decode(NetlinkMessage.self, from: Data(line.text.utf8))
                print(message.encoded().hexString)
            } catch let error as DecodingError {
                printError("line \(line.number): \(error.oneLine)")
                failed = true
            } catch {
                printError("line \(line.number): \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
    }
}
