import ControlAPI
import EswitchModel

extension HookRunner {
    /// `stopped end` / `release end`: unplugs every mapped port (also those whose interface is no
    /// longer in the XML), going on after a failure so one stuck port does not keep the others.
    func unplug(_ domain: DomainDescription) -> HookOutcome {
        let ports = PortBindingPlan.mappedPorts(of: domain)
        if ports.isEmpty { return .done("no eswitch ports") }
        var problems: [String] = []
        for port in ports {
            do {
                try release(port, domain: domain)
            } catch {
                problems.append("'\(port)': \(error)")
            }
        }
        if !problems.isEmpty {
            return .failed("could not release port(s) of domain '\(domain.name)': " + problems.joined(separator: "; "))
        }
        return .done("released " + ports.map { "'\($0)'" }.joined(separator: ", "))
    }
}
