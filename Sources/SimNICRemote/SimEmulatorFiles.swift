import Foundation

/// The files of an emulator's state directory, as `eswitch-hil sim serve --state DIR` keeps them.
public struct SimEmulatorFiles: Hashable, Sendable {
    /// The state directory.
    public let directory: String
    /// The socket clients connect to.
    public var socket: String { directory + "/sim.sock" }
    /// The emulator's process id (written by the emulator once it serves).
    public var pid: String { directory + "/sim.pid" }
    /// Its standard output and error.
    public var log: String { directory + "/sim.log" }
    /// Held (flock) by whoever starts an emulator for the directory, so that two starters never
    /// start two (`eswitch-hil sim exec` takes the same lock).
    public var lock: String { directory + "/sim.lock" }

    public init(directory: String) { self.directory = directory }
}
