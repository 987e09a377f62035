import ControlAPI
import EswitchModel

/// Carries out one hook call: reads the domain XML when the event needs it, and plugs, verifies or
/// unplugs the domain's mapped ports through the daemon (see `HookAction` for what each event does
/// and why its exit status is what it is).
public struct HookRunner<Client: ControlCalling> {
    public var client: Client
    public var configuration: HookConfiguration
    /// Set during `prepare`: a SIGTERM/SIGINT stops plugging and releases what was plugged.
    public var interruption: Interruption?

    public init(client: Client, configuration: HookConfiguration, interruption: Interruption? = nil) {
        self.client = client
        self.configuration = configuration
        self.interruption = interruption
    }

    /// Runs `invocation` on the stdin bytes libvirt passed.
    /// - Parameters:
    ///   - input: the bytes kept from stdin (at most `DomainXMLGuard.maximumSize + 1`).
    ///   - inputSize: how many bytes stdin had in all.
    public func run(_ invocation: HookInvocation, input: [UInt8], inputSize: Int) -> HookOutcome {
        let action = invocation.event.action
        if action == .none { return .done("nothing to do") }
        let domain: DomainDescription
        do {
            domain = try DomainDescription.parse(input, totalSize: inputSize)
            guard domain.name == invocation.guest else {
                throw HookError.domainXML("domain XML names '\(domain.name)', libvirt called the hook for '\(invocation.guest)'")
            }
        } catch {
            return action == .verify(failureStopsDomain: false) ? .reported("\(error)") : .failed("\(error)")
        }
        return run(action, domain: domain)
    }

    /// Runs `action` for a parsed domain.
    public func run(_ action: HookAction, domain: DomainDescription) -> HookOutcome {
        switch action {
        case .plug: return prepare(domain)
        case .verify(let failureStopsDomain): return verify(domain, failureStopsDomain: failureStopsDomain)
        case .unplug: return unplug(domain)
        case .none: return .done("nothing to do")
        }
    }

    /// The daemon's answer, or the failure it reports.
    func call(_ request: ControlRequest, timeoutSeconds: Double, interruptible: Bool = false) throws(HookError) -> ControlResponse {
        let response = try client.call(request, timeoutSeconds: timeoutSeconds, interruptible: interruptible)
        if case .failure(let failure) = response { throw .refused(request: request.hookSummary, failure) }
        return response
    }
}
