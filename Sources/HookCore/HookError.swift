import ControlAPI
import EswitchModel
import Platform
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Why the hook could not do its job, as the one line libvirt logs from stderr.
public enum HookError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The domain XML on stdin was refused before anything was sent to the daemon.
    case domainXML(String)
    /// The port mapping does not fit the domain's interfaces.
    case portMapping(String)
    /// The configuration file (path, problem).
    case configuration(path: String, problem: String)
    /// The daemon's socket could not be reached.
    case connect(socket: String, errno: Errno)
    /// Sending or receiving failed after the connection was made.
    case transfer(socket: String, SystemCallError)
    /// No answer within the call's timeout.
    case timeout(socket: String, request: String, seconds: Double)
    /// SIGTERM or SIGINT arrived while a call was under way.
    case interrupted(signal: String)
    /// The daemon closed the connection without answering.
    case closedWithoutAnswer(socket: String, request: String)
    /// The answer was not a response line.
    case malformedAnswer(socket: String, problem: String)
    /// The daemon answered with a failure (its own one-line reason).
    case refused(request: String, ControlFailure)
    /// The daemon answered, but not what the request calls for.
    case unexpectedAnswer(request: String, problem: String)

    public var description: String {
        switch self {
        case .domainXML(let problem): return "domain XML refused: \(problem)"
        case .portMapping(let problem): return "eswitch port mapping refused: \(problem)"
        case .configuration(let path, let problem): return "configuration \(path): \(problem)"
        case .connect(let socket, let errno):
            let hint = errno == .noSuchFileOrDirectory || errno.rawValue == ECONNREFUSED ? " (is eswitchd running?)" : ""
            return "cannot connect to eswitchd at \(socket): \(String(cString: strerror(errno.rawValue))) (\(errno.name ?? "errno \(errno.rawValue)"))\(hint)"
        case .transfer(let socket, let error): return "talking to eswitchd at \(socket) failed: \(error)"
        case .timeout(let socket, let request, let seconds):
            return "eswitchd at \(socket) did not answer \(request) within \(Self.format(seconds)) s"
        case .interrupted(let signal): return "interrupted by \(signal)"
        case .closedWithoutAnswer(let socket, let request): return "eswitchd at \(socket) closed the connection without answering \(request)"
        case .malformedAnswer(let socket, let problem): return "eswitchd at \(socket) sent a malformed answer: \(problem)"
        case .refused(let request, let failure): return "eswitchd refused \(request): \(failure)"
        case .unexpectedAnswer(let request, let problem): return "unexpected answer to \(request): \(problem)"
        }
    }

    /// True when the daemon may have acted on the request although no answer arrived (the hook then
    /// releases that port as well when it rolls back). A refusal changed nothing; a failed connect
    /// sent nothing.
    public var outcomeUnknown: Bool {
        switch self {
        case .transfer, .timeout, .interrupted, .closedWithoutAnswer, .malformedAnswer, .unexpectedAnswer: return true
        case .domainXML, .portMapping, .configuration, .connect, .refused: return false
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
