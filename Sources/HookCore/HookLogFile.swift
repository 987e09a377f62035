import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Appends one line per hook call to the configured log file. libvirt logs a hook's stderr only when
/// it fails, so this is where successful calls and the ignored failures of `reconnect` show up.
public enum HookLogFile {
    /// Appends `line` with a timestamp and the pid. A single `write` with O_APPEND keeps lines of
    /// concurrent hooks whole. Failures to log are ignored: logging must never change the outcome.
    public static func append(_ line: String, to path: String) {
        let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        let text = "\(stamp) eswitch-hook[\(getpid())] \(line)\n"
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = Array(text.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
    }
}
