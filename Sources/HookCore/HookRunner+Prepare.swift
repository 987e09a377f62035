import ControlAPI
import EswitchModel

extension HookRunner {
    /// `prepare begin`: plugs every mapped interface in XML order. On the first failure (refusal,
    /// timeout, lost daemon, SIGTERM/SIGINT) it unplugs what it plugged, in reverse order, and
    /// fails, so the domain does not start half-attached.
    func prepare(_ domain: DomainDescription) -> HookOutcome {
        let requests: [PlugRequest]
        do {
            requests = try PortBindingPlan.plugRequests(for: domain)
        } catch {
            return .failed("\(error)")
        }
        if requests.isEmpty { return .done("no eswitch ports") }
        var plugged: [PortAttachment] = []
        for request in requests {
            do throws(HookError) {
                if let interruption, interruption.isInterrupted { throw HookError.interrupted(signal: interruption.signalName) }
                let response = try call(.plug(request), timeoutSeconds: configuration.plugTimeoutSeconds, interruptible: true)
                plugged.append(try attachment(response, for: request))
            } catch {
                var release = plugged.map(\.port)
                if error.outcomeUnknown { release.append(request.port) }
                return .failed("cannot plug port '\(request.port)' of domain '\(domain.name)': \(error)\(rollBack(release, domain: domain))")
            }
        }
        if let interruption, interruption.isInterrupted {
            let reason = HookError.interrupted(signal: interruption.signalName)
            return .failed("prepare of domain '\(domain.name)' stopped: \(reason)\(rollBack(plugged.map(\.port), domain: domain))")
        }
        return .done("plugged " + plugged.map { "\($0.port) (\($0.device.hookSummary))" }.joined(separator: ", "))
    }

    /// Checks that a plug answer attaches the requested port to this domain (and the VF the XML names).
    func attachment(_ response: ControlResponse, for request: PlugRequest) throws(HookError) -> PortAttachment {
        let summary = ControlRequest.plug(request).hookSummary
        guard case .plugged(let attachment) = response else {
            throw .unexpectedAnswer(request: summary, problem: "expected 'plugged', got \(response.hookSummary)")
        }
        guard attachment.port == request.port, attachment.domain == request.domain else {
            throw .unexpectedAnswer(request: summary, problem: "answer attaches port '\(attachment.port)' to domain '\(attachment.domain)'")
        }
        if let requested = request.requestedVF, case .vf(let address, _, _, _) = attachment.device, address != requested {
            throw .unexpectedAnswer(request: summary, problem: "answer attaches VF \(address), the domain XML names \(requested)")
        }
        return attachment
    }

    /// Unplugs `ports` (newest first) without interruption; returns the text to append to the failure.
    func rollBack(_ ports: [PortID], domain: DomainDescription) -> String {
        guard !ports.isEmpty else { return "" }
        var released: [PortID] = []
        var problems: [String] = []
        for port in ports.reversed() {
            do throws(HookError) {
                try release(port, domain: domain)
                released.append(port)
            } catch {
                problems.append("'\(port)': \(error)")
            }
        }
        var text = ""
        if !released.isEmpty { text += "; released " + released.map { "'\($0)'" }.joined(separator: ", ") }
        if !problems.isEmpty {
            text += "; could not release " + problems.joined(separator: "; ") + " (the stopped/release hooks retry)"
        }
        return text
    }

    /// Unplugs one port; a port the daemon does not know (never plugged, or released already) counts as released.
    func release(_ port: PortID, domain: DomainDescription) throws(HookError) {
        do throws(HookError) {
            let response = try call(.unplug(UnplugRequest(port: port, domain: domain.name)), timeoutSeconds: configuration.timeoutSeconds)
            guard case .unplugged(let unplugged) = response, unplugged == port else {
                throw HookError.unexpectedAnswer(request: "unplug of port '\(port)'", problem: "expected 'unplugged \(port)', got \(response.hookSummary)")
            }
        } catch .refused(_, let failure) where failure.code == .notFound {
            return
        }
    }
}
