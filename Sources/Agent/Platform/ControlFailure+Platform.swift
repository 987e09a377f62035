import ControlAPI
import Platform

extension ControlFailure {
    /// A failed netlink exchange as a one-line failure: `what: kernel: EBUSY (16) "extack"`.
    /// Kernel refusals are ``Code/platform`` (the NIC or the kernel said no), a missing answer is
    /// ``Code/timeout``, the rest ``Code/internal``.
    static func netlink(_ what: String, _ error: NetlinkTransportError) -> ControlFailure {
        switch error {
        case .kernel, .noBufferSpace, .dumpInterrupted, .systemCall: return ControlFailure(.platform, "\(what): \(error)")
        case .timedOut: return ControlFailure(.timeout, "\(what): \(error)")
        case .malformedReply: return ControlFailure(.internal, "\(what): \(error)")
        }
    }

    /// A failed sysfs or discovery call as a one-line failure.
    static func platform(_ what: String, _ error: PlatformError) -> ControlFailure {
        ControlFailure(.platform, "\(what): \(error)")
    }

    /// The same failure with `context` put in front of its message (`plug web-1: ...`).
    func prefixed(_ context: String) -> ControlFailure {
        ControlFailure(code, "\(context): \(message)")
    }
}
