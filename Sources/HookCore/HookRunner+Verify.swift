import ControlAPI
import EswitchModel

extension HookRunner {
    /// `started begin` / `reconnect begin`: asks the daemon whether each mapped port is attached to
    /// this domain. `started` stops at the first problem and fails (libvirt then stops the domain,
    /// and its stopped/release hooks unplug); `reconnect` checks all and only reports.
    func verify(_ domain: DomainDescription, failureStopsDomain: Bool) -> HookOutcome {
        let ports: [PortID]
        do {
            ports = try PortBindingPlan.plugRequests(for: domain).map(\.port)
        } catch {
            return failureStopsDomain ? .failed("\(error)") : .reported("\(error)")
        }
        if ports.isEmpty { return .done("no eswitch ports") }
        var problems: [String] = []
        for port in ports {
            do throws(HookError) {
                let response = try call(.verify(port), timeoutSeconds: configuration.timeoutSeconds)
                guard case .verified(let attachment) = response else {
                    throw HookError.unexpectedAnswer(request: "verify of port '\(port)'", problem: "expected 'verified', got \(response.hookSummary)")
                }
                guard attachment.domain == domain.name else {
                    throw HookError.unexpectedAnswer(request: "verify of port '\(port)'", problem: "the port is attached to domain '\(attachment.domain)'")
                }
            } catch {
                let problem = "port '\(port)' of domain '\(domain.name)' is not ready: \(error)"
                if failureStopsDomain { return .failed(problem) }
                problems.append(problem)
            }
        }
        if !problems.isEmpty { return .reported(problems.joined(separator: "; ")) }
        return .done("verified " + ports.map { "'\($0)'" }.joined(separator: ", "))
    }
}
