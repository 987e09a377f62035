import ArgumentParser
import EswitchConfig
import EswitchModel
import Foundation
import Netlink
import Platform
import SimNIC
import Yams

/// `eswitchctl netlink send --platform sim:PROFILE [--setup FILE] [HEX...]`: replays netlink
/// requests against an in-process emulated host and prints the kernel's answer to each.
struct NetlinkSendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send hex netlink requests (one per line) to an emulated NIC and print each answer as a JSON line.",
        discussion: """
        The host is built from HardwareProfiles/PROFILE.yaml (found beside the executable's package,
        in $ESWITCH_PROFILES_DIR, or given as a path) and keeps its state from one request to the next.
        Each answer line holds the request's line number, the result (ack, error, reply, dump), the
        errno and its name, the extack text, and the decoded messages of replies and dumps.
        Generic-netlink requests carry family ids: the emulator assigns devlink 0x14 and vdpa 0x15,
        or the ids given with --family (e.g. --family devlink=0x20 to replay captured requests).
        Example:
          eswitchctl netlink send --platform sim:connectx-6dx --setup host.yaml < requests.hex
        """
    )

    @Option(help: "The platform: sim:PROFILE (a profile id such as connectx-6dx, or the path of a profile file).")
    var platform: String

    @Option(help: "A YAML or JSON file describing the host at start (pfs, vfs, unbound_vfs, eswitch_mode, naming, rule_capacity, links, ifindexes, qdiscs, faults, latencies); unknown keys are refused.")
    var setup: String?

    @Option(name: .customLong("family"), help: "A generic-netlink family id, NAME=ID (devlink, vdpa). Repeatable.")
    var families: [GenericFamilyAssignment] = []

    @Option(help: "Protocol of every request: route or generic. Default: generic for the controller and the families' ids, route otherwise.")
    var `protocol`: NetlinkProtocol?

    @Flag(help: "Pretty-print each JSON object over several lines.")
    var pretty = false

    @Argument(help: "Hex requests. Without arguments, reads one per line from standard input.")
    var hex: [String] = []

    func run() throws {
        guard platform.hasPrefix("sim:"), platform.count > 4 else {
            printError("--platform must be sim:PROFILE (the only platform this sub-command drives), got '\(platform)'")
            throw ExitCode(2)
        }
        let endpoint: SimNICEndpoint
        do {
            endpoint = try makeEndpoint()
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        for assignment in families { endpoint.setFamilyID(assignment.id, for: assignment.family) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        var failed = false
        for line in InputLine.read(arguments: hex) {
            do {
                let bytes = try HexParseError.parse(line.text)
                let answer = try send(bytes, to: endpoint, line: line.number)
                print(String(decoding: try encoder.encode(answer), as: UTF8.self))
            } catch {
                printError("line \(line.number): \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
    }

    /// The protocol of a request: forced, or generic for the controller and the families' ids.
    func protocolOf(_ bytes: [UInt8], endpoint: SimNICEndpoint) -> NetlinkProtocol {
        if let chosen = self.protocol { return chosen }
        guard bytes.count >= 6 else { return .route }
        let type = UInt16(bytes[4]) | UInt16(bytes[5]) << 8
        return type == GENL.idCtrl || endpoint.familyIDs.values.contains(type) ? .generic : .route
    }

    func send(_ bytes: [UInt8], to endpoint: SimNICEndpoint, line: Int) throws -> SendAnswer {
        let chosen = protocolOf(bytes, endpoint: endpoint)
        var families: [UInt16: GenericFamily] = [:]
        for (family, id) in endpoint.familyIDs where family != .control { families[id] = family }
        let context = NetlinkDecodingContext(chosen, families: families)
        var messages: [NetlinkMessage] = []
        for datagram in endpoint.handle(bytes, protocol: chosen) {
            messages += try NetlinkMessage.decodeAll(datagram, context: context)
        }
        return SendAnswer(line: line, messages: messages)
    }

    func makeEndpoint() throws -> SimNICEndpoint {
        let profile = try ProfileLocator.load(String(platform.dropFirst(4)))
        var description = SimNICSetup()
        if let setup {
            let text: String
            do {
                text = try String(contentsOfFile: setup, encoding: .utf8)
            } catch {
                throw SendSetupError("cannot read setup file \(setup): \(error.localizedDescription)")
            }
            do {
                description = try YAMLDecoder().decode(SimNICSetup.self, from: text)
            } catch let error as DecodingError {
                throw SendSetupError("setup \(setup): \(error.oneLine)")
            } catch {
                throw SendSetupError("setup \(setup): \(error)")
            }
        }
        do {
            return SimNICEndpoint(host: try description.host(profile: profile))
        } catch {
            throw SendSetupError("setup: \(error)")
        }
    }
}

/// A setup or profile problem, one line.
struct SendSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The JSON line printed for one request.
struct SendAnswer: Encodable {
    let line: Int
    /// ack, error, reply (messages then an ACK or none), dump, or none (no answer).
    let result: String
    let errno: Int32?
    let errnoName: String?
    let extack: String?
    let offset: UInt32?
    /// Replies before the ACK, or the parts of a dump.
    let messages: [NetlinkMessage]

    init(line: Int, messages all: [NetlinkMessage]) {
        self.line = line
        var parts: [NetlinkMessage] = []
        var error: NetlinkErrorMessage?
        var done = false
        for message in all {
            switch message.body {
            case .error(let e): error = e
            case .done: done = true
            default: parts.append(message)
            }
        }
        messages = parts
        if let error, !error.isAck {
            result = "error"
            errno = error.errno
            errnoName = Errno(error.errno).name
        } else {
            result = done ? "dump" : (parts.isEmpty ? (error == nil ? "none" : "ack") : "reply")
            errno = error == nil ? nil : 0
            errnoName = nil
        }
        extack = error?.message
        offset = error?.offset
    }

    enum CodingKeys: String, CodingKey {
        case line, result, errno, extack, offset, messages
        case errnoName = "errno_name"
    }
}

