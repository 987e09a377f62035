import EswitchConfig
import EswitchModel
import Foundation
import Netlink
import Platform
@testable import SimNIC

/// Hardware profiles from HardwareProfiles/ (beside Sources/).
enum Profiles {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("HardwareProfiles")
    }

    static func load(_ id: String) throws -> HardwareProfile {
        let text = try String(contentsOf: directory.appendingPathComponent("\(id).yaml"), encoding: .utf8)
        return try HardwareProfile(text: text)
    }

    static let connectX6Dx: HardwareProfile = { try! load("connectx-6dx") }()
    static let e810: HardwareProfile = { try! load("e810") }()
    static let software: HardwareProfile = { try! load("software") }()
    static let blueField2: HardwareProfile = { try! load("bluefield-2") }()
}

/// The iproute2 request vectors in ../shared/golden/netlink, by command text.
struct Golden {
    struct Vector {
        let command: String
        let bytes: [UInt8]
    }

    let vectors: [Vector]

    static let shared: Golden = {
        let path = ProcessInfo.processInfo.environment["ESWITCH_GOLDEN_DIR"].map { $0 + "/iproute2-requests.golden" }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("shared/golden/netlink/iproute2-requests.golden").path
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        var vectors: [Vector] = []
        var command: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("cmd: ") { command = String(line.dropFirst(5)) }
            if line.hasPrefix("hex: "), let c = command, let bytes = [UInt8](hex: line.dropFirst(5)) {
                vectors.append(Vector(command: c, bytes: bytes))
                command = nil
            }
        }
        return Golden(vectors: vectors)
    }()

    /// The bytes iproute2 sent for exactly this command.
    func bytes(_ command: String) -> [UInt8] {
        guard let vector = vectors.first(where: { $0.command == command }) else { fatalError("no golden vector for '\(command)'") }
        return vector.bytes
    }

    func vectors(prefix: String) -> [Vector] { vectors.filter { $0.command.hasPrefix(prefix) } }
}

/// One decoded answer datagram set, for assertions.
struct Answer {
    let messages: [NetlinkMessage]

    init(_ datagrams: [[UInt8]], protocol: NetlinkProtocol = .route, families: [UInt16: GenericFamily] = [:]) throws {
        var out: [NetlinkMessage] = []
        for d in datagrams { out += try NetlinkMessage.decodeAll(d, context: NetlinkDecodingContext(`protocol`, families: families)) }
        messages = out
    }

    /// The final NLMSG_ERROR (ACK or refusal), if any.
    var error: NetlinkErrorMessage? {
        for m in messages.reversed() { if case .error(let e) = m.body { return e } }
        return nil
    }
    var isAck: Bool { error?.isAck == true }
    var errno: Int32? { error.map(\.errno) }
    var extack: String? { error?.message }
    /// Parts of a dump (everything but NLMSG_DONE and errors).
    var parts: [NetlinkMessage] {
        messages.filter {
            switch $0.body {
            case .done, .error: return false
            default: return true
            }
        }
    }
    var endsWithDone: Bool {
        if case .done(0)? = messages.last?.body { return true }
        return false
    }
}

/// A host laid out like the namespace the golden vectors were captured in (lo=1, Y=2, X=3,
/// eth0p=4, eth0=5, vxlan0=6, br0=7): on a NIC profile Y and X are the representors of VFs 0 and
/// 1 of PF 0, eth0 is PF 0's netdev; on the software profile they are dummies.
enum GoldenNamespace {
    static let indexes: [String: IfIndex] = ["lo": IfIndex(1), "Y": IfIndex(2), "X": IfIndex(3), "eth0p": IfIndex(4), "eth0": IfIndex(5), "vxlan0": IfIndex(6), "br0": IfIndex(7)]

    static func host(_ profile: HardwareProfile, vfs: Int = 3, clock: ManualClock = ManualClock()) throws -> EmulatedHost {
        var host = EmulatedHost(profile: profile, configuration: EmulatedHostConfiguration(initialVFs: vfs, eswitchMode: .switchdev), clock: clock)
        var names: [String: String] = ["lo": "lo", "eth0p": "eth0p", "vxlan0": "vxlan0", "br0": "br0"]
        if host.physicalFunctions.isEmpty {
            for name in ["Y", "X", "eth0"] { try host.createLink(name: name, info: LinkInfo([.kind("dummy")])) }
            names["Y"] = "Y"; names["X"] = "X"; names["eth0"] = "eth0"
        } else {
            names["Y"] = "pf0vf0"; names["X"] = "pf0vf1"; names["eth0"] = "pf0"
        }
        try host.createLink(name: "eth0p", info: LinkInfo([.kind("dummy")]))
        try host.createLink(name: "vxlan0", info: LinkInfo([.kind("vxlan"), .data(.vxlan([.id(VNI(rawValue: 100)), .port(4789), .collectMetadata(true)]))]))
        try host.createLink(name: "br0", info: LinkInfo([.kind("bridge")]))
        var assignments: [String: IfIndex] = [:]
        for (golden, index) in indexes { assignments[names[golden]!] = index }
        try host.renumber(assignments)
        return host
    }
}

extension FilterMessage {
    /// The same filter with skip_sw added to its flower flags.
    func withSkipSoftware() -> FilterMessage {
        var copy = self
        copy.attributes = attributes.map { attribute in
            guard case .flower(var options) = attribute else { return attribute }
            options.attributes = options.attributes.map {
                if case .flags(let f) = $0 { return .flags(f.union(.skipSoftware)) }
                return $0
            }
            return .flower(options)
        }
        return copy
    }
}

extension FilterMessage {
    /// The same filter without skip_sw.
    func withoutSkipSoftware() -> FilterMessage {
        var copy = self
        copy.attributes = attributes.map { attribute in
            guard case .flower(var options) = attribute else { return attribute }
            options.attributes = options.attributes.map {
                if case .flags(let f) = $0 { return .flags(f.subtracting(.skipSoftware)) }
                return $0
            }
            return .flower(options)
        }
        return copy
    }
}

extension NetlinkMessage {
    /// Decodes a golden route request.
    static func route(_ bytes: [UInt8]) throws -> NetlinkMessage {
        try NetlinkMessage.decode(bytes, context: .route)
    }
}
