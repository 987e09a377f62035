import Dispatch
import EswitchModel
import Foundation
import Platform
import PlatformLinux
import SimNIC

/// The forwarding side of `sim serve --backing netns`: the kernel devices (``SimNodeTopology``),
/// the data plane runner on them, and the counters written to STATE/dataplane.json twice a
/// second (read by `sim stats`).
final class SimDataPlaneService: @unchecked Sendable {
    let topology: SimNodeTopology
    let runner: SimNICDataPlaneRunner
    private let statisticsPath: String
    private let timer: DispatchSourceTimer

    /// Builds the devices, opens them and starts forwarding.
    ///
    /// - Throws: ``SimCommandError`` naming what could not be set up (nothing is left behind).
    init(endpoint: SimNICEndpoint, options: SimBackingOptions, paths: SimStatePaths) throws {
        let host = endpoint.host
        topology = try SimNodeTopology(host: host, options: options)
        do {
            // The representor TAPs carry the emulated representors' MAC addresses.
            var addresses: [InterfaceName: MACAddress] = [:]
            for name in topology.backing.representors.keys {
                if let link = host.link(named: name.rawValue) { addresses[name] = link.mac }
            }
            runner = try SimNICDataPlaneRunner(endpoint: endpoint, backing: topology.backing, factory: LinuxPacketPortFactory(tapAddresses: addresses))
        } catch {
            topology.tearDown()
            throw SimCommandError("cannot open the port devices: \(error)")
        }
        statisticsPath = paths.statistics
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "simnic-statistics"))
        runner.start()
        let runner = self.runner, path = statisticsPath
        timer.schedule(deadline: .now(), repeating: .milliseconds(500))
        timer.setEventHandler { Self.write(runner.statistics, to: path) }
        timer.resume()
    }

    /// Stops forwarding, writes the last counters and removes the devices and namespaces made.
    func stop() {
        timer.cancel()
        runner.stop()
        Self.write(runner.statistics, to: statisticsPath)
        topology.tearDown()
    }

    /// Replaces the file atomically, so that a reader never sees half of it.
    static func write(_ statistics: SimNICRunnerStatistics, to path: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(statistics) else { return }
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
        rename(temporary, path)
    }
}
