import ControlAPI
import Foundation
import Logging

/// Turns one request line into one response: decodes it, checks the caller against the socket's
/// allow-list, waits for readiness, hands it to the handler, persists the new state before a
/// state-changing success is acknowledged, and records metrics and logs.
public final class ControlDispatcher<Handler: ControlHandler>: Sendable {
    let handler: Handler
    let store: StateStore<Handler.Snapshot>
    private let persisting = SerialQueue()
    let metrics: DaemonMetrics
    let logger: Logger
    let access: AccessPolicy
    let readiness: ReadinessGate
    let readyTimeout: Duration

    public init(handler: Handler, store: StateStore<Handler.Snapshot>, metrics: DaemonMetrics, logger: Logger,
                access: AccessPolicy, readiness: ReadinessGate, readyTimeout: Duration) {
        self.handler = handler
        self.store = store
        self.metrics = metrics
        self.logger = logger
        self.access = access
        self.readiness = readiness
        self.readyTimeout = readyTimeout
    }

    /// The outcome of one request line.
    public struct Outcome: Sendable {
        /// The decoded request (nil when the line was malformed).
        public var request: ControlRequest?
        public var response: ControlResponse
        /// True when the handler changed state: an undelivered response must be rolled back.
        public var changedState: Bool
    }

    /// Answers one request line from `caller`.
    public func respond(to line: Data, caller: Caller) async -> Outcome {
        let started = ContinuousClock.now
        let outcome = await answer(line, caller: caller)
        let outcomeLabel: String
        if case .failure(let failure) = outcome.response { outcomeLabel = failure.code.rawValue } else { outcomeLabel = "ok" }
        let kind = outcome.request?.kind ?? (outcomeLabel == ControlFailure.Code.permissionDenied.rawValue ? "refused" : "malformed")
        metrics.recordRequest(kind: kind, outcome: outcomeLabel, duration: ContinuousClock.now - started)
        return outcome
    }

    private func answer(_ line: Data, caller: Caller) async -> Outcome {
        var log = logger
        log[metadataKey: "uid"] = "\(caller.credentials.uid)"
        log[metadataKey: "pid"] = "\(caller.credentials.pid)"
        log[metadataKey: "socket"] = "\(caller.socket)"
        guard access.allowList(for: caller.socket).allows(caller.credentials) else {
            let message = "uid \(caller.credentials.uid) (gid \(caller.credentials.gid)) is not allowed on the \(caller.socket) socket"
            log.warning("refused caller", metadata: ["reason": "\(message)"])
            return Outcome(request: nil, response: .failure(ControlFailure(.permissionDenied, message)), changedState: false)
        }
        let request: ControlRequest
        do {
            request = try ControlFraming.decodeLine(ControlRequest.self, from: line)
        } catch let failure as ControlFailure {
            log.notice("malformed request", metadata: ["reason": "\(failure.message)"])
            return Outcome(request: nil, response: .failure(failure), changedState: false)
        } catch {
            return Outcome(request: nil, response: .failure(ControlFailure(.badRequest, "\(error)")), changedState: false)
        }
        log[metadataKey: "request"] = "\(request.kind)"
        for (key, value) in request.logMetadata { log[metadataKey: key] = value }
        if caller.socket == .readOnly && !request.isReadOnly {
            let message = "\(request.kind) changes the node and is not allowed on the read-only socket; use the read-write socket"
            log.warning("refused request", metadata: ["reason": "\(message)"])
            return Outcome(request: request, response: .failure(ControlFailure(.permissionDenied, message)), changedState: false)
        }
        if request != .ping, !(await readiness.wait(timeout: readyTimeout)) {
            return Outcome(request: request, response: .failure(ControlFailure(.unavailable, "the daemon has not finished its first reconcile")), changedState: false)
        }
        let response = await handler.handle(request, caller: caller)
        let changed = !request.isReadOnly && response.isSuccess
        if changed, let failure = await persist() {
            log.error("cannot persist state; undoing the request", metadata: ["reason": "\(failure)"])
            await handler.rollBack(request, response: response, caller: caller)
            return Outcome(request: request, response: .failure(ControlFailure(.internal, "cannot persist the daemon's state: \(failure)")), changedState: false)
        }
        if case .failure(let failure) = response {
            log.notice("request failed", metadata: ["code": "\(failure.code.rawValue)", "reason": "\(failure.message)"])
        } else if changed {
            log.info("request done")
        } else {
            log.debug("request done")
        }
        return Outcome(request: request, response: response, changedState: changed)
    }

    /// The response to a state-changing request never reached the caller: undo it and persist.
    public func undelivered(_ outcome: Outcome, caller: Caller) async {
        guard outcome.changedState, let request = outcome.request else { return }
        var log = logger
        for (key, value) in request.logMetadata { log[metadataKey: key] = value }
        log.warning("client went away before the reply; rolling back", metadata: ["request": "\(request.kind)", "pid": "\(caller.credentials.pid)"])
        await handler.rollBack(request, response: outcome.response, caller: caller)
        if let failure = await persist() {
            log.error("cannot persist state after rollback", metadata: ["reason": "\(failure)"])
        }
    }

    /// Saves the handler's snapshot; nil on success, else the reason. Snapshots are taken and saved
    /// one at a time, so a later save never carries an older state than an earlier one.
    func persist() async -> StateStoreError? {
        let (handler, store) = (self.handler, self.store)
        return await persisting.run { () async -> StateStoreError? in
            let snapshot = await handler.snapshot()
            do throws(StateStoreError) {
                try await store.save(snapshot)
                return nil
            } catch {
                return error
            }
        }
    }
}

extension ControlRequest {
    /// The port, VM and rule fields a log line about this request carries.
    var logMetadata: [String: Logger.MetadataValue] {
        switch self {
        case .plug(let plug):
            var fields: Logger.Metadata = ["port": "\(plug.port)", "vm": "\(plug.domain)", "kind": "\(plug.kind.rawValue)"]
            if let vf = plug.requestedVF { fields["vf"] = "\(vf)" }
            return fields
        case .unplug(let unplug): return ["port": "\(unplug.port)", "vm": "\(unplug.domain)"]
        case .verify(let port): return ["port": "\(port)"]
        case .rules(let query): return query.port.map { ["port": "\($0)"] } ?? [:]
        case .explain(.port(let port)): return ["port": "\(port)"]
        case .explain(.rule(let rule)): return ["rule": "\(rule)"]
        case .applyIntent(let document): return ["intent": "\(document.source)"]
        case .ping, .status: return [:]
        }
    }
}
