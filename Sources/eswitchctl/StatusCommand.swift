import Agent
import ArgumentParser
import ControlAPI
import Foundation

/// `eswitchctl status`: the node's NICs, ports and offload coverage.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the node's NICs, ports (VM, device, representor, rules and packets in hardware/software) and offload coverage.")

    @ParentCommand var parent: EswitchCtl
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = try DaemonCall.report(.status, socket: parent.socket)
        guard !output.json, let status = report.decode(StatusReport.self) else { return DaemonCall.printJSON(report) }
        print(Self.text(status))
    }

    static func text(_ status: StatusReport) -> String {
        var nics = TextTable("NIC", "PROFILE", "ESWITCH", "VFS USED/TOTAL", "VDPA", "SET-UP")
        for nic in status.nics {
            nics.add(["\(nic.pci)", nic.profile, nic.eswitchMode ?? "-", "\(nic.vfs.used)/\(nic.vfs.total)",
                      nic.vdpaDevices.isEmpty ? "-" : nic.vdpaDevices.joined(separator: ","), nic.error.map { "failed: \($0)" } ?? "ok"])
        }
        var ports = TextTable("PORT", "VM", "STATE", "DEVICE", "REPRESENTOR", "RULES HW/SW/NOT", "PACKETS HW/SW")
        for port in status.ports {
            ports.add([port.port, port.domain ?? port.vm ?? "-", port.state, port.device.map(deviceText) ?? "-", port.representor?.name ?? "-",
                       "\(port.rules.hardware)/\(port.rules.software)/\(port.rules.notInstalled)",
                       "\(port.packets.hardware)/\(port.packets.software)"])
        }
        let counts = status.reconcile
        return [
            "node \(status.node ?? "(no intent)")",
            nics.text,
            ports.text,
            "offload coverage \(String(format: "%.1f", status.offloadCoveragePercent))%; since start: \(counts.adopted) filters adopted, \(counts.added) added, \(counts.deleted) deleted, \(counts.repaired) repaired",
        ].joined(separator: "\n\n")
    }

    /// `vf 0000:03:00.2`, `vdpa vdpa0`, `software tap0`.
    static func deviceText(_ device: PortDeviceStatus) -> String {
        switch device.kind {
        case "vf": return "vf \(device.pci ?? "?")"
        case "vdpa": return "vdpa \(device.vdpa ?? "?")"
        default: return "\(device.kind) \(device.name ?? "?")"
        }
    }
}
