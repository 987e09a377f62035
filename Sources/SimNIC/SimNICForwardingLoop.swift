import EswitchModel
import Packet
import Platform
import Synchronization

/// The state and loop of a ``SimNICDataPlaneRunner``'s thread: the open devices, the compiled
/// data plane, and one output batch per device. Only that thread touches it, apart from the stop
/// flag and the statistics snapshot.
final class SimNICForwardingLoop: @unchecked Sendable {
    /// What a backing device stands for.
    enum Role: Hashable {
        case port(SimNICDataPlane.Port)
        case representor(InterfaceName)

        var label: String {
            switch self {
            case .port(let port): return port.description
            case .representor(let name): return "representor \(name)"
            }
        }
    }

    let endpoint: SimNICEndpoint
    let roles: [Role]
    let ports: [any PacketPort]
    private let batchSize: Int
    private let stopRequested = Atomic<Bool>(false)
    private let published = Mutex(SimNICRunnerStatistics())

    private var plane: SimNICDataPlane?
    private var generation: UInt64 = 0
    /// Device of each eswitch port.
    private var portDevice: [SimNICDataPlane.Port: Int] = [:]
    /// Device of each representor, by the emulated host's interface index (refreshed on reload).
    private var representorDevice: [IfIndex: Int] = [:]
    /// The emulated interface index of each representor device (refreshed on reload).
    private var representorIndex: [Int: IfIndex] = [:]
    private var outputs: [PacketBatch]
    private let input: PacketBatch
    /// The eswitch's verdicts for one batch (kept to reuse its storage).
    private var outcomes: [SimNICDataPlane.Outcome] = []
    private var statistics = SimNICRunnerStatistics()
    private var lastDeviceRefresh = ContinuousClock.now
    private static let deviceRefresh = Duration.milliseconds(100)

    init(endpoint: SimNICEndpoint, ports: [(Role, any PacketPort)], batchSize: Int) {
        self.endpoint = endpoint
        roles = ports.map(\.0)
        self.ports = ports.map(\.1)
        self.batchSize = max(1, batchSize)
        input = PacketBatch(capacity: self.batchSize)
        outputs = ports.map { _ in PacketBatch(capacity: max(1, batchSize)) }
        for (index, role) in roles.enumerated() {
            if case .port(let port) = role { portDevice[port] = index }
        }
    }

    func requestStop() { stopRequested.store(true, ordering: .releasing) }

    func snapshot() -> SimNICRunnerStatistics { published.withLock { $0 } }

    func closePorts() {
        for port in ports { port.close() }
    }

    /// Forwards until asked to stop: waits for devices with frames, then reads each in batches
    /// until it is empty.
    func run(poller: any PacketPortPoller) {
        var ready: [Int] = []
        // Devices whose batch came back full may hold more: they are read again without waiting.
        var pending = [Bool](repeating: false, count: ports.count)
        var anyPending = false
        publish(devices: true)
        while !stopRequested.load(ordering: .acquiring) {
            do {
                try poller.wait(timeout: anyPending ? .zero : .milliseconds(200), ready: &ready)
            } catch {
                statistics.lastError = "\(error)"
                publish(devices: true)
                return
            }
            for index in ready { pending[index] = true }
            anyPending = false
            for index in pending.indices where pending[index] {
                pending[index] = false
                input.removeAll()
                do {
                    _ = try ports[index].receive(into: input)
                } catch {
                    statistics.lastError = "\(error)"
                    continue
                }
                if input.isFull { pending[index] = true; anyPending = true }
                if !input.isEmpty { forward(from: index) }
            }
            // Counted before the frames leave, so that whoever receives one sees it counted.
            publish()
            flush()
        }
        flush()
        publish(devices: true)
    }

    /// Runs the frames of `input` (read from device `index`) through the eswitch and queues them on
    /// their output devices.
    private func forward(from index: Int) {
        let role = roles[index]
        let frames = input
        var outcomes = self.outcomes
        outcomes.removeAll(keepingCapacity: true)
        self.outcomes = []
        defer { self.outcomes = outcomes }
        var truncated = 0, completed = 0
        var reloaded = false
        _ = try? endpoint.withHost { host throws(SimNICError) in
            if plane == nil || host.generation != generation {
                reload(from: host)
                reloaded = true
            }
            for i in 0..<frames.count {
                let flags = frames.flags(at: i)
                if flags.contains(.truncated) { truncated += 1; continue }
                var frame = Array(frames[i])
                if flags.contains(.checksumPending), Self.completeChecksum(&frame) { completed += 1 }
                switch role {
                case .port(let port):
                    outcomes.append(plane!.receive(frame, from: port, host: &host))
                case .representor:
                    guard let emulated = representorIndex[index] else {
                        outcomes.append(.dropped(.noSuchPort))
                        continue
                    }
                    outcomes.append(plane!.transmit(fromRepresentor: emulated, frame))
                }
            }
        }
        if reloaded { statistics.reloads &+= 1 }
        statistics.truncated &+= UInt64(truncated)
        statistics.checksumsCompleted &+= UInt64(completed)
        if case .representor = role { statistics.fromRepresentor &+= UInt64(frames.count - truncated) }
        for outcome in outcomes { route(outcome) }
    }

    /// Recompiles the rules and maps the representors to their devices.
    private func reload(from host: EmulatedHost) {
        if plane == nil { plane = SimNICDataPlane(host: host) } else { plane!.reload(from: host) }
        generation = host.generation
        representorDevice.removeAll(keepingCapacity: true)
        representorIndex.removeAll(keepingCapacity: true)
        for (index, role) in roles.enumerated() {
            guard case .representor(let name) = role, let link = host.link(named: name.rawValue) else { continue }
            representorDevice[link.ifindex] = index
            representorIndex[index] = link.ifindex
        }
    }

    /// Queues a frame for the device the eswitch chose.
    private func route(_ outcome: SimNICDataPlane.Outcome) {
        switch outcome {
        case .deliveredToVF(let pf, let vf, let frame):
            statistics.deliveredToVF &+= 1
            enqueue(frame, on: portDevice[.virtualFunction(pf: pf, vf: vf)])
        case .sentOnWire(let pf, let frame):
            statistics.sentOnWire &+= 1
            enqueue(frame, on: portDevice[.wire(pf: pf)])
        case .toRepresentor(let ifindex, let frame):
            statistics.toRepresentor &+= 1
            enqueue(frame, on: representorDevice[ifindex])
        case .dropped(let reason):
            statistics.dropped["\(reason)", default: 0] &+= 1
        }
    }

    private func enqueue(_ frame: [UInt8], on device: Int?) {
        guard let device else { statistics.unbacked &+= 1; return }
        if outputs[device].isFull { send(device) }
        if !outputs[device].append(frame) { statistics.truncated &+= 1 }
    }

    /// Sends every queued frame.
    private func flush() {
        for device in outputs.indices where !outputs[device].isEmpty { send(device) }
    }

    /// Sends device `device`'s queue; frames the kernel does not take are dropped (counted by the
    /// port), as a NIC drops when its queue is full.
    private func send(_ device: Int) {
        do {
            _ = try ports[device].send(outputs[device])
        } catch {
            statistics.lastError = "\(error)"
        }
        outputs[device].removeAll()
    }

    /// Makes the counters readable from other threads (once per batch round: a lock and a copy);
    /// device counters (a system call each) at most every ``deviceRefresh``, or when `devices` is true.
    private func publish(devices: Bool = false) {
        let now = ContinuousClock.now
        if devices || now - lastDeviceRefresh >= Self.deviceRefresh {
            lastDeviceRefresh = now
            for (index, port) in ports.enumerated() { statistics.devices[roles[index].label] = port.statistics }
        }
        let copy = statistics
        published.withLock { $0 = copy }
    }

    /// Completes the TCP/UDP checksum of a frame whose sender left it to the device (checksum
    /// offload: the field holds the pseudo-header sum only), as the NIC would before the frame
    /// leaves. Returns false when the frame has no such checksum.
    static func completeChecksum(_ frame: inout [UInt8]) -> Bool {
        guard let key = FlowKey.parse(frame, vxlanPort: nil), key.transportOffset >= 0, key.ipProto == 6 || key.ipProto == 17,
              !key.isLaterFragment else { return false }
        FrameEditor.recomputeTransportChecksum(&frame, key: key)
        return true
    }
}
