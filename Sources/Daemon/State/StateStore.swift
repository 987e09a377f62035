import Foundation

/// Keeps the handler's snapshot (the intent and the port bindings) in `DIR/state.json` through a
/// `DurableFile`.
///
/// Why a file and not SQLite (GRDB): the state is small (one intent and one binding per VM
/// interface), is always written whole after a change and read whole at start, and operators
/// should be able to read it with `jq`. Write-temp/fsync/rename/fsync-dir gives the same
/// all-or-nothing durability for this access pattern as a database transaction, without a
/// database engine in the daemon. If the state grows to need partial updates (per-port history,
/// thousands of writes a second), a database becomes the better choice.
public actor StateStore<Snapshot: Codable & Sendable & Equatable> {
    /// The on-disk envelope: a format tag and version so a future daemon can tell old files apart.
    struct Envelope: Codable {
        var format: String
        var version: Int
        var state: Snapshot
    }

    static var format: String { "eswitchd-state" }
    static var version: Int { 1 }

    public nonisolated let file: DurableFile
    /// The last state written or read, to skip writing the same state again.
    private var saved: Snapshot?

    /// - Parameter directory: The state directory (created with mode 0700 when missing).
    /// - Throws: `StateStoreError` when the directory cannot be created.
    public init(directory: String) throws(StateStoreError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StateStoreError.unusable(path: directory, reason: "cannot create the state directory: \(error.localizedDescription)")
        }
        file = DurableFile(path: (directory as NSString).appendingPathComponent("state.json"))
    }

    /// The saved state, or nil on a first start. A temporary file from an interrupted write is
    /// removed (its write never completed, so it was never acknowledged).
    /// - Throws: `StateStoreError.corrupt` naming the file when it exists but cannot be decoded:
    ///   starting with empty state would silently forget every VM's port.
    public func load() throws(StateStoreError) -> Snapshot? {
        file.discardInterruptedWrite()
        let data: Data?
        do {
            data = try file.read()
        } catch {
            throw StateStoreError.unusable(path: file.path, reason: "\(error)")
        }
        guard let data else { return nil }
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: data)
        } catch {
            throw StateStoreError.corrupt(path: file.path, reason: Self.reason(error))
        }
        guard envelope.format == Self.format else {
            throw StateStoreError.corrupt(path: file.path, reason: "format is '\(envelope.format)', expected '\(Self.format)'")
        }
        guard envelope.version == Self.version else {
            throw StateStoreError.corrupt(path: file.path, reason: "version \(envelope.version) is not the \(Self.version) this daemon reads")
        }
        saved = envelope.state
        return envelope.state
    }

    /// Saves `state` unless it equals the state saved last.
    /// - Returns: True when written.
    /// - Throws: `StateStoreError.unusable` when the write fails (the previous state stays).
    @discardableResult
    public func save(_ state: Snapshot) throws(StateStoreError) -> Bool {
        if let saved, saved == state { return false }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(Envelope(format: Self.format, version: Self.version, state: state))
        } catch {
            throw StateStoreError.unusable(path: file.path, reason: "cannot encode the state: \(error)")
        }
        do {
            try file.write(data)
        } catch {
            throw StateStoreError.unusable(path: file.path, reason: "\(error)")
        }
        saved = state
        return true
    }

    private static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            let underlying = context.underlyingError.map { ($0 as NSError).userInfo["NSDebugDescription"].map { "\($0)" } ?? "\($0)" }
            return "not valid JSON" + (underlying.map { " (\($0))" } ?? "")
        case DecodingError.keyNotFound(let key, let context):
            return "missing \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong value at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}

/// Why the state cannot be loaded or saved; one line naming the file.
public enum StateStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file exists but is not a state this daemon wrote.
    case corrupt(path: String, reason: String)
    /// The file or directory cannot be read or written.
    case unusable(path: String, reason: String)

    public var description: String {
        switch self {
        case .corrupt(let path, let reason):
            return "state file \(path) is corrupt: \(reason); not starting with empty state (inspect it, or move it aside to start afresh)"
        case .unusable(let path, let reason):
            return "state file \(path): \(reason)"
        }
    }
}
