import ControlAPI
import EswitchModel
import Foundation

extension Agent {
    /// Answers one local-API request: the daemon's socket server calls this for every request line
    /// (after its own permission checks) and writes the response line back. Failures come back as
    /// ``ControlResponse/failure(_:)`` with a one-line message; nothing is half-applied.
    public func handle(_ request: ControlRequest) async -> ControlResponse {
        do throws(ControlFailure) {
            switch request {
            case .ping:
                return .pong(configuration.identity)
            case .applyIntent(let document):
                return .applied(try applyIntent(document))
            case .plug(let plug):
                return .plugged(try await self.plug(plug))
            case .verify(let port):
                return .verified(try verify(port))
            case .unplug(let unplug):
                try await self.unplug(unplug)
                return .unplugged(unplug.port)
            case .status:
                try requireStarted()
                return .report(try Self.report(statusReport()))
            case .rules(let query):
                try requireStarted()
                return .report(try Self.report(rulesReport(query)))
            case .explain(.port(let port)):
                try requireStarted()
                return .report(try Self.report(explainPort(port)))
            case .explain(.rule(let id)):
                try requireStarted()
                return .report(try Self.report(explainRule(id)))
            }
        } catch {
            return .failure(error)
        }
    }

    /// A report as JSON with sorted keys (stable output for `eswitchctl -j`).
    static func report<T: Encodable>(_ value: T) throws(ControlFailure) -> ControlReport {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return ControlReport(json: String(decoding: try encoder.encode(value), as: UTF8.self))
        } catch {
            throw ControlFailure(.internal, "report encoding: \(error)")
        }
    }
}
