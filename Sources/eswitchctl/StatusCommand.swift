import ArgumentParser
import ControlAPI

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
        var nics = TextTable("NIC", "PROFILE", "ESWITCH", "VFS USED/TOTAL", "VDPA")
        for nic in status.nics {
            nics.add(["\(nic.pci)", nic.profile, nic.eswitchMode, "\(nic.vfsUsed)/\(nic.vfsTotal)", nic.vdpaDevices.isEmpty ? "-" : nic.vdpaDevices.joined(separator: ",")])
        }
        var ports = TextTable("PORT", "VM", "DEVICE", "REPRESENTOR", "RULES HW/SW", "PACKETS HW/SW")
        for port in status.ports {
            ports.add(["\(port.port)", port.vm ?? "-", port.device ?? "-", port.representor ?? "-",
                       "\(port.rulesInHardware)/\(port.rulesInSoftware)", "\(port.packetsInHardware)/\(port.packetsInSoftware)"])
        }
        let daemon = status.daemon
        let counts = status.reconcile
        return [
            "eswitchd \(daemon.version) (pid \(daemon.pid), platform \(daemon.platform))",
            nics.text,
            ports.text,
            "offload coverage \(String(format: "%.1f", status.offloadCoverage))%; since start: \(counts.adopted) rules adopted, \(counts.added) added, \(counts.deleted) deleted",
        ].joined(separator: "\n\n")
    }
}
