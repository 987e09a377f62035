import ControlAPI
import Daemon
import EswitchModel
import Foundation

/// A node handler for tests: keeps the intent and the plugged ports in memory, hands out VFs
/// from a small pool, and can be told to take its time answering plug (to let a client vanish).
actor MemoryHandler: ControlHandler {
    private(set) var state = MemorySnapshot()
    private(set) var restored: MemorySnapshot?
    private(set) var rolledBack: [PortID] = []
    private(set) var reconciles = 0
    private(set) var shutDown = false
    private var free: [PCIAddress]
    let plugDelay: Duration
    let firstReconcileDelay: Duration

    init(vfs: Int = 32, plugDelay: Duration = .zero, firstReconcileDelay: Duration = .zero) {
        free = (0..<vfs).map { PCIAddress(String(format: "0000:03:%02x.%x", 1 + $0 / 8, $0 % 8))! }
        self.plugDelay = plugDelay
        self.firstReconcileDelay = firstReconcileDelay
    }

    func start(restoring state: MemorySnapshot?, context: DaemonContext) async throws {
        restored = state
        if let state {
            self.state = state
            let used = Set(state.bindings.compactMap { binding -> PCIAddress? in
                if case .vf(let address, _, _, _) = binding.device { return address }
                return nil
            })
            free.removeAll { used.contains($0) }
        }
    }

    func reconcile() async throws -> ReconcileCounts {
        if reconciles == 0 && firstReconcileDelay > .zero { try await Task.sleep(for: firstReconcileDelay) }
        reconciles += 1
        return ReconcileCounts(adopted: state.bindings.count)
    }

    func handle(_ request: ControlRequest, caller: Caller) async -> ControlResponse {
        switch request {
        case .ping:
            return .pong(DaemonIdentity(version: "test", pid: getpid(), platform: "memory"))
        case .applyIntent(let document):
            state.intent = document
            return .applied(ApplySummary(rulesAdded: 1, rulesDeleted: 0, rulesInHardware: 1, rulesInSoftware: 0))
        case .plug(let plug):
            if state.bindings.contains(where: { $0.request.port == plug.port }) {
                return .failure(ControlFailure(.unavailable, "port \(plug.port) is plugged already"))
            }
            guard !free.isEmpty else { return .failure(ControlFailure(.unavailable, "no free VF")) }
            let vf = free.removeFirst()
            let device = PortAttachment.Device.vf(address: vf, pf: PCIAddress("0000:03:00.0")!, index: VFIndex(0), representor: "rep-\(plug.port)")
            state.bindings.append(MemoryBinding(request: plug, device: device))
            if plugDelay > .zero { try? await Task.sleep(for: plugDelay) }
            return .plugged(PortAttachment(port: plug.port, domain: plug.domain, device: device, rulesInHardware: 1, rulesInSoftware: 0))
        case .unplug(let unplug):
            guard release(unplug.port) else { return .failure(ControlFailure(.notFound, "port \(unplug.port) is not plugged")) }
            return .unplugged(unplug.port)
        case .status:
            let report = MemoryStatus(ports: state.bindings.map { "\($0.request.port)" }, reconciles: reconciles)
            return .report(try! ControlReport(encoding: report))
        case .verify, .rules, .explain:
            return .failure(ControlFailure(.notFound, "not in the test handler"))
        }
    }

    func rollBack(_ request: ControlRequest, response: ControlResponse, caller: Caller) async {
        guard case .plug(let plug) = request else { return }
        if release(plug.port) { rolledBack.append(plug.port) }
    }

    func snapshot() async -> MemorySnapshot { state }

    func shutdown() async { shutDown = true }

    /// The VFs handed out now.
    var allocatedVFs: [PCIAddress] {
        state.bindings.compactMap { binding in
            if case .vf(let address, _, _, _) = binding.device { return address }
            return nil
        }
    }

    private func release(_ port: PortID) -> Bool {
        guard let index = state.bindings.firstIndex(where: { $0.request.port == port }) else { return false }
        if case .vf(let address, _, _, _) = state.bindings[index].device { free.append(address) }
        state.bindings.remove(at: index)
        return true
    }
}

/// What the test handler persists: the intent and the plugged ports.
struct MemorySnapshot: Codable, Hashable, Sendable {
    var intent: IntentDocument?
    var bindings: [MemoryBinding] = []
}

/// One plugged port of the test handler.
struct MemoryBinding: Codable, Hashable, Sendable {
    var request: PlugRequest
    var device: PortAttachment.Device
}

/// The test handler's `status` report.
struct MemoryStatus: Codable, Hashable, Sendable {
    var ports: [String]
    var reconciles: Int
}
