import Foundation
import Netlink

/// The link captures in Fixtures/link-capture.txt (see Fixtures/README.md): for each iproute2
/// command, the requests it sent (">>") and the kernel's answers ("<<"), seq/pid zeroed.
struct LinkCapture {
    struct Command {
        let command: String
        let sent: [[UInt8]]
        let received: [[UInt8]]
    }

    let commands: [Command]

    static let shared: LinkCapture = {
        do { return try LinkCapture(url: LinkCapture.fileURL) } catch {
            fatalError("cannot read the link capture at \(LinkCapture.fileURL.path): \(error)")
        }
    }()

    static var fileURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/link-capture.txt")
    }

    init(url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        var commands: [Command] = []
        var current: (String, [[UInt8]], [[UInt8]])?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("cmd: ") {
                if let c = current { commands.append(Command(command: c.0, sent: c.1, received: c.2)) }
                current = (String(line.dropFirst(5)), [], [])
            } else if line.hasPrefix(">> ") || line.hasPrefix("<< ") {
                guard let bytes = [UInt8](hex: line.dropFirst(3)) else { throw CocoaError(.fileReadCorruptFile) }
                if line.hasPrefix(">> ") { current?.1.append(bytes) } else { current?.2.append(bytes) }
            }
        }
        if let c = current { commands.append(Command(command: c.0, sent: c.1, received: c.2)) }
        self.commands = commands
    }

    /// The capture of exactly this command line.
    func command(_ text: String) -> Command {
        guard let c = commands.first(where: { $0.command == text }) else { fatalError("no capture for '\(text)'") }
        return c
    }

    /// The last request a command sent (the one that does the work; earlier ones are look-ups).
    func lastRequest(_ text: String) -> [UInt8] {
        guard let last = command(text).sent.last else { fatalError("'\(text)' sent nothing") }
        return last
    }

    /// The RTM_NEWLINK answers the kernel gave to a command, in order.
    func linkAnswers(_ text: String) -> [[UInt8]] {
        command(text).received.filter { $0.count >= 6 && UInt16($0[4]) | UInt16($0[5]) << 8 == RTM.newLink }
    }
}
