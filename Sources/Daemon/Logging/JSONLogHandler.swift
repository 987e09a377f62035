import Foundation
import Logging

/// A swift-log handler writing one JSON object per line: `timestamp`, `level`, `label`, `message`,
/// `source`, `error` when the event carries one, and every metadata key at the top level as given
/// (`port`, `vm`, `pf`, `vf`, `vni`, `rule`...), so `jq 'select(.port == "p1")'` finds a port's lines.
/// A metadata key equal to one of the fixed keys is written with a leading underscore.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    private let label: String
    private let sink: any LogSink

    static let fixedKeys: Set<String> = ["timestamp", "level", "label", "message", "source", "error"]

    /// - Parameters:
    ///   - label: The logger's label (written as `label`).
    ///   - level: The lowest level written.
    ///   - sink: Where lines go (standard error in the daemon).
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
        var object: [String: LogJSON] = [
            "timestamp": .string(LogTimestamp.now()),
            "level": .string(event.level.rawValue),
            "label": .string(label),
            "message": .string(event.message.description),
            "source": .string(event.source),
        ]
        if let error = event.error { object["error"] = .string("\(error)") }
        for (key, value) in mergedMetadata(event) {
            object[Self.fixedKeys.contains(key) ? "_" + key : key] = LogJSON(value)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(object) else { return }
        sink.write(line: String(decoding: data, as: UTF8.self))
    }

    /// The handler's metadata, then the provider's, then the event's (later ones win).
    private func mergedMetadata(_ event: LogEvent) -> Logger.Metadata {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let own = event.metadata { merged.merge(own) { $1 } }
        return merged
    }
}

/// A metadata value as JSON: strings stay strings (values are written as they are given).
enum LogJSON: Encodable {
    case string(String)
    case array([LogJSON])
    case object([String: LogJSON])

    init(_ value: Logger.Metadata.Value) {
        switch value {
        case .string(let text): self = .string(text)
        case .stringConvertible(let convertible): self = .string(convertible.description)
        case .array(let values): self = .array(values.map(LogJSON.init))
        case .dictionary(let values): self = .object(values.mapValues(LogJSON.init))
        @unknown default: self = .string("\(value)")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .array(let values): try container.encode(values)
        case .object(let values): try container.encode(values)
        }
    }
}
