import EswitchModel
import Foundation
import Platform
import Synchronization

/// An ``SRIOVControl`` in front of another that can hold `setNumVFs` calls back: it counts how
/// many are in flight at once (each waits, up to `rendezvous`, for `expectedConcurrent` calls to
/// be in flight, so that parallel set-ups meet) and can make every call take `delay` longer
/// (a slow firmware).
final class ControlledSRIOV: SRIOVControl, @unchecked Sendable {
    let base: any SRIOVControl
    let expectedConcurrent: Int
    let rendezvous: TimeInterval
    let delay: TimeInterval
    private let condition = NSCondition()
    private var inFlight = 0
    private(set) var maxInFlight = 0

    init(_ base: any SRIOVControl, expectedConcurrent: Int = 1, rendezvous: TimeInterval = 2, delay: TimeInterval = 0) {
        self.base = base
        self.expectedConcurrent = expectedConcurrent
        self.rendezvous = rendezvous
        self.delay = delay
    }

    var observedMaxInFlight: Int {
        condition.lock()
        defer { condition.unlock() }
        return maxInFlight
    }

    func totalVFs(of pf: PCIAddress) throws(PlatformError) -> Int { try base.totalVFs(of: pf) }
    func numVFs(of pf: PCIAddress) throws(PlatformError) -> Int { try base.numVFs(of: pf) }

    func setNumVFs(_ count: Int, on pf: PCIAddress) throws(PlatformError) {
        condition.lock()
        inFlight += 1
        maxInFlight = max(maxInFlight, inFlight)
        condition.broadcast()
        let deadline = Date().addingTimeInterval(rendezvous)
        while inFlight < expectedConcurrent, maxInFlight < expectedConcurrent, condition.wait(until: deadline) {}
        condition.unlock()
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        defer {
            condition.lock()
            inFlight -= 1
            condition.unlock()
        }
        try base.setNumVFs(count, on: pf)
    }
}
