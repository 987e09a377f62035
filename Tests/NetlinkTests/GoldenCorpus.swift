import Foundation
import Netlink

/// The iproute2 request vectors in ../shared/golden/netlink (beside the repository), loaded by
/// command text. `ESWITCH_GOLDEN_DIR` overrides the folder.
struct GoldenCorpus {
    struct Vector {
        let command: String
        let bytes: [UInt8]
    }

    let vectors: [Vector]

    static let shared: GoldenCorpus = {
        do { return try GoldenCorpus(url: GoldenCorpus.fileURL) } catch {
            fatalError("cannot read the golden netlink corpus at \(GoldenCorpus.fileURL.path): \(error)")
        }
    }()

    static var fileURL: URL {
        if let dir = ProcessInfo.processInfo.environment["ESWITCH_GOLDEN_DIR"] {
            return URL(fileURLWithPath: dir).appendingPathComponent("iproute2-requests.golden")
        }
        // Tests/NetlinkTests/GoldenCorpus.swift -> repository root -> ../shared
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared/golden/netlink/iproute2-requests.golden")
    }

    init(url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        var vectors: [Vector] = []
        var command: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("cmd: ") {
                command = String(line.dropFirst(5))
            } else if line.hasPrefix("hex: "), let cmd = command {
                guard let bytes = [UInt8](hex: line.dropFirst(5)) else { throw CocoaError(.fileReadCorruptFile) }
                vectors.append(Vector(command: cmd, bytes: bytes))
                command = nil
            }
        }
        self.vectors = vectors
    }

    /// The bytes iproute2 sent for exactly this command line.
    func bytes(_ command: String) -> [UInt8] {
        guard let v = vectors.first(where: { $0.command == command }) else {
            fatalError("no golden vector for '\(command)'")
        }
        return v.bytes
    }
}
