import Foundation

/// RFC 3339 timestamps in UTC with milliseconds (`2025-05-01T12:00:00.123Z`), the form log
/// shippers parse without configuration.
enum LogTimestamp {
    static func now() -> String {
        Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }
}
