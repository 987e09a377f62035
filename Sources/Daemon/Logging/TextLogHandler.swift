import Logging

/// A swift-log handler for people: `TIMESTAMP LEVEL LABEL: message key=value ...`, metadata keys sorted.
public struct TextLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    private let label: String
    private let sink: any LogSink

    public init(label: String, level: Logger.Level = .info, sink: any LogSink = StandardErrorSink()) {
        self.label = label
        self.logLevel = level
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let own = event.metadata { merged.merge(own) { $1 } }
        var line = "\(LogTimestamp.now()) \(event.level.rawValue) \(label): \(event.message)"
        for key in merged.keys.sorted() { line += " \(key)=\(merged[key]!)" }
        if let error = event.error { line += " error=\"\(error)\"" }
        sink.write(line: line)
    }
}
