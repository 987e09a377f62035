import Logging

/// Builds the daemon's loggers in the configured format.
public enum DaemonLogging {
    /// A logger writing to `sink` in `format` at `level` and above.
    public static func logger(label: String, format: DaemonConfiguration.LogFormat, level: Logger.Level,
                              sink: any LogSink = StandardErrorSink()) -> Logger {
        Logger(label: label) { label in
            switch format {
            case .json: return JSONLogHandler(label: label, level: level, sink: sink)
            case .text: return TextLogHandler(label: label, level: level, sink: sink)
            }
        }
    }
}
