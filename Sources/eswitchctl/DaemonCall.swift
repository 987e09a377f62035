import ArgumentParser
import ControlAPI
import ControlClient
import Foundation

/// Sends one request to eswitchd for a sub-command and turns every way it can fail into one line
/// on stderr and exit code 1.
enum DaemonCall {
    /// The daemon's successful response.
    /// - Throws: `ExitCode(1)` after printing why (daemon not running, refused, failed).
    static func send(_ request: ControlRequest, socket: String, timeout: Duration = .seconds(30)) throws -> ControlResponse {
        let response: ControlResponse
        do {
            response = try ControlClient(socketPath: socket, timeout: timeout).send(request)
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
        if case .failure(let failure) = response {
            printError("eswitchd refused \(request.kind): \(failure.code.rawValue): \(failure.message)")
            throw ExitCode(1)
        }
        return response
    }

    /// The report of a status/rules/explain request.
    /// - Throws: `ExitCode(1)` when the daemon failed or answered with something else.
    static func report(_ request: ControlRequest, socket: String) throws -> ControlReport {
        let response = try send(request, socket: socket)
        guard case .report(let report) = response else {
            printError("eswitchd answered \(request.kind) with an unexpected response")
            throw ExitCode(1)
        }
        return report
    }

    /// Prints a report's JSON pretty-printed (its keys sorted), for `-j`.
    static func printJSON(_ report: ControlReport) {
        if let object = try? JSONSerialization.jsonObject(with: Data(report.json.utf8), options: [.fragmentsAllowed]),
           let pretty = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) {
            print(String(decoding: pretty, as: UTF8.self))
        } else {
            print(report.json)
        }
    }

    /// Prints a value as pretty JSON, for `-j` on responses that are not reports.
    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// `-j`: JSON instead of tables.
struct OutputOptions: ParsableArguments {
    @Flag(name: [.customShort("j"), .customLong("json")], help: "Print JSON instead of tables.")
    var json = false
}
