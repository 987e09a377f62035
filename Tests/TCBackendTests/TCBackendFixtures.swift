import EswitchCompiler
import EswitchConfig
import EswitchModel
import Foundation
import Netlink
import TCBackend

/// The example intent, a device map for it, and iproute2's golden requests.
enum TCBackendFixtures {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// examples/two-node.yaml as text.
    static func exampleText() throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent("examples/two-node.yaml"), encoding: .utf8)
    }

    /// Rules compiled from intent text.
    static func rules(_ text: String) throws -> [Rule] {
        Compiler().compile(try NetworkState.fromYAML(text).validated())
    }

    /// Rules compiled from the example.
    static func exampleRules() throws -> [Rule] { try rules(try exampleText()) }

    /// Representors of the example's local ports, an uplink, a VXLAN device and the underlay next hop.
    static let devices = TCDeviceMap(
        ports: ["web-1-eth0": IfIndex(10), "web-2-eth0": IfIndex(11), "tools-eth0": IfIndex(12)],
        uplink: IfIndex(5), tunnel: IfIndex(6),
        externalNextHop: MACAddress("02:00:5e:00:01:01")!, uplinkMAC: MACAddress("0c:42:a1:00:00:01")!)

    /// The iproute2 request vectors (../shared/golden/netlink beside the repository, or
    /// `ESWITCH_GOLDEN_DIR`), by command line.
    static let golden: [String: [UInt8]] = {
        let url: URL
        if let dir = ProcessInfo.processInfo.environment["ESWITCH_GOLDEN_DIR"] {
            url = URL(fileURLWithPath: dir).appendingPathComponent("iproute2-requests.golden")
        } else {
            url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/golden/netlink/iproute2-requests.golden")
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var out: [String: [UInt8]] = [:]
        var command: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("cmd: ") {
                command = String(line.dropFirst(5))
            } else if line.hasPrefix("hex: "), let cmd = command {
                out[cmd] = hexBytes(line.dropFirst(5))
                command = nil
            }
        }
        return out
    }()

    static func hexBytes(_ text: Substring) -> [UInt8]? {
        var out: [UInt8] = []
        var it = text.utf8.makeIterator()
        while let hi = it.next() {
            guard let lo = it.next(), let h = nibble(hi), let l = nibble(lo) else { return nil }
            out.append(h << 4 | l)
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    /// A rule with an explicit id.
    static func rule(_ kind: RuleKind, _ ingress: RuleIngress, _ subject: String = "test", match: FlowMatch, actions: [FlowAction]) -> Rule {
        Rule(id: RuleID(kind: kind, ingress: ingress, subject: subject), match: match, actions: actions, owner: nil)
    }
}

extension TCAction {
    /// The action without its TCA_ACT_COOKIE.
    var withoutCookie: TCAction {
        TCAction(order: order, attributes: attributes.filter { if case .cookie = $0 { false } else { true } }, nestedFlag: nestedFlag)
    }
}

extension FilterMessage {
    /// The decoded filter of a request.
    static func decoded(_ bytes: [UInt8]) throws -> (NetlinkMessage, FilterMessage)? {
        let message = try NetlinkMessage.decode(bytes, context: .route)
        guard case .filter(let f) = message.body else { return nil }
        return (message, f)
    }
}
