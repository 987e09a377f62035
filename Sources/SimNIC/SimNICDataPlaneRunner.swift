import Dispatch
import EswitchModel
import Foundation
import Platform
import Synchronization

/// Forwards real frames through an emulated host's eswitch on a thread of its own: it reads the
/// devices backing the VFs, the wire ports and the representors (``SimNICPortBacking``), runs each
/// frame through ``SimNICDataPlane`` (hardware rules, counters on the host) and writes it to the
/// device of the port the eswitch chose.
///
/// The rules are those of the ``SimNICEndpoint``'s host at the moment: netlink requests handled by
/// the endpoint while traffic flows (a filter added by `tc` through `sim exec`, by the agent) take
/// effect from the next batch, found through ``EmulatedHost/generation``.
public final class SimNICDataPlaneRunner: Sendable {
    /// The emulated host whose rules forward the frames.
    public let endpoint: SimNICEndpoint
    /// The devices in use.
    public let backing: SimNICPortBacking

    private let loop: SimNICForwardingLoop
    private let poller: any PacketPortPoller
    private let finished = DispatchSemaphore(value: 0)
    private let state = Mutex<(started: Bool, stopped: Bool)>((false, false))

    /// Opens every backing device (TAP devices are created) and prepares the loop; ``start()``
    /// starts forwarding.
    ///
    /// - Parameters:
    ///   - endpoint: the emulated host.
    ///   - backing: the device of each port.
    ///   - factory: how devices are opened (PlatformLinux's on a real host).
    ///   - options: ring sizes and kernel features of the AF_PACKET ports.
    ///   - batchSize: frames read from one device at a time.
    /// - Throws: ``PacketPortError`` for the first device that cannot be opened (the ones opened
    ///   before it are closed again), or ``PacketPortError/invalidOptions(_:)`` naming the
    ///   backing's problems.
    public init(endpoint: SimNICEndpoint, backing: SimNICPortBacking, factory: any PacketPortFactory,
                options: PacketPortOptions = PacketPortOptions(), batchSize: Int = 64) throws(PacketPortError) {
        let problems = backing.problems
        guard problems.isEmpty else { throw .invalidOptions(problems.joined(separator: "; ")) }
        var opened: [(SimNICForwardingLoop.Role, any PacketPort)] = []
        do throws(PacketPortError) {
            for (port, device) in backing.ports.sorted(by: { $0.key.description < $1.key.description }) {
                opened.append((.port(port), try factory.open(device, options: options)))
            }
            for (name, device) in backing.representors.sorted(by: { $0.key < $1.key }) {
                opened.append((.representor(name), try factory.open(device, options: options)))
            }
            poller = try factory.makePoller(for: opened.map(\.1))
        } catch {
            for (_, port) in opened { port.close() }
            throw error
        }
        self.endpoint = endpoint
        self.backing = backing
        loop = SimNICForwardingLoop(endpoint: endpoint, ports: opened, batchSize: batchSize)
    }

    deinit {
        stop()
    }

    /// Starts forwarding on a new thread (once).
    ///
    /// - Parameter prepare: runs first on the forwarding thread, for what the platform sets per
    ///   thread (CPU affinity, priority): a node pins its forwarding thread as it pins any
    ///   poll-mode thread.
    public func start(onThread prepare: (@Sendable () -> Void)? = nil) {
        let go = state.withLock { state -> Bool in
            guard !state.started, !state.stopped else { return false }
            state.started = true
            return true
        }
        guard go else { return }
        let loop = self.loop, poller = self.poller, finished = self.finished
        let thread = Thread {
            prepare?()
            loop.run(poller: poller)
            finished.signal()
        }
        thread.name = "simnic-dataplane"
        thread.start()
    }

    /// Stops forwarding, waits for the thread to end and closes every device (TAP devices
    /// disappear). Safe to call more than once.
    public func stop() {
        let wasRunning = state.withLock { state -> Bool? in
            guard !state.stopped else { return nil }
            state.stopped = true
            return state.started
        }
        guard let wasRunning else { return }
        if wasRunning {
            loop.requestStop()
            poller.wake()
            finished.wait()
        }
        loop.closePorts()
        poller.close()
    }

    /// Counters since the start (refreshed after every batch).
    public var statistics: SimNICRunnerStatistics { loop.snapshot() }
}
