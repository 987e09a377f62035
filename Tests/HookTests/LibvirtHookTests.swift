import ControlAPI
import EswitchModel
import Foundation
import HookCore
import Testing

/// eswitch-hook installed in a real libvirtd 9, with real domains (TCG when /dev/kvm is missing).
@Suite(.serialized) struct LibvirtHookTests {
    static func domainXML(_ name: String, tap: String, mac: String, port: String) -> String {
        let type = FileManager.default.fileExists(atPath: "/dev/kvm") ? "kvm" : "qemu"
        // No disk: the guest sits in the firmware, which is all a hook test needs. No option ROM:
        // the iPXE ROMs are only recommended by qemu-system-x86, so bootstrap does not install them.
        return """
        <domain type='\(type)'>
          <name>\(name)</name>
          <memory unit='MiB'>64</memory>
          <vcpu>1</vcpu>
          <os><type arch='x86_64' machine='pc'>hvm</type></os>
          <metadata>
            <eswitch:ports xmlns:eswitch="urn:eswitch:libvirt:ports:1">
              <eswitch:port mac="\(mac)" id="\(port)"/>
            </eswitch:ports>
          </metadata>
          <devices>
            <interface type='ethernet'>
              <mac address='\(mac)'/>
              <target dev='\(tap)' managed='yes'/>
              <model type='virtio'/>
              <rom enabled='no'/>
            </interface>
          </devices>
        </domain>
        """
    }

    @Test func aDomainStartsAndStopsThroughTheHookAndARefusedPortKeepsItDown() throws {
        let refusal = "port 'lv-refused' is not in the intent"
        let daemon = try FakeEswitchd { request in
            if case .plug(let plug) = request, plug.port == "lv-refused" { return .answer(.failure(ControlFailure(.notFound, refusal))) }
            return .standard
        }
        let lab = try LibvirtLab(daemon: daemon)
        defer { lab.tearDown() }
        let tag = String(getpid() % 100_000)
        let name = "eswitch-test-\(tag)", tap = "eswt\(tag)", mac = "52:54:00:e5:00:01"
        try lab.define(name, xml: Self.domainXML(name, tap: tap, mac: mac, port: "lv-p1"))

        let start = try lab.virsh(["start", name])
        #expect(start.status == 0, "virsh start: \(start.stderr)")
        #expect(try lab.virsh(["domstate", name]).trimmed == "running")
        // libvirt made the TAP device the hook reported to the daemon.
        #expect(try SystemCommand.run("/usr/sbin/ip", ["link", "show", tap]).status == 0)
        let uuid = try lab.virsh(["domuuid", name]).trimmed
        #expect(try lab.virsh(["destroy", name]).status == 0)
        #expect(daemon.waitFor { $0.count >= 4 })

        // prepare plugged, started verified, stopped and release unplugged (the second finds it released).
        #expect(daemon.requests.map(\.shortForm) == ["plug lv-p1", "verify lv-p1", "unplug lv-p1", "unplug lv-p1"])
        guard case .plug(let plug) = daemon.requests.first else { return }
        // The UUID is libvirt's own (the XML defined none): the hook read the XML libvirt passed.
        #expect(plug == PlugRequest(port: "lv-p1", domain: name, domainUUID: uuid, kind: .ethernet, mac: MACAddress(mac), targetDevice: tap))
        #expect(daemon.plugged.isEmpty)
        #expect(try lab.loggedOperations(of: name) == ["prepare begin", "start begin", "started begin", "stopped end", "release end"])

        // A port the daemon refuses: the start fails with the daemon's line, and nothing stays plugged.
        let refused = "eswitch-test-\(tag)-r"
        try lab.define(refused, xml: Self.domainXML(refused, tap: "eswr\(tag)", mac: "52:54:00:e5:00:02", port: "lv-refused"))
        let failed = try lab.virsh(["start", refused])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("eswitch-hook: cannot plug port 'lv-refused' of domain '\(refused)': eswitchd refused plug of port 'lv-refused': not_found: \(refusal)"),
                "\(failed.stderr)")
        #expect(try lab.virsh(["domstate", refused]).trimmed == "shut off")
        // libvirt runs the stop hooks after a failed prepare; they release idempotently.
        #expect(try lab.loggedOperations(of: refused) == ["prepare begin", "stopped end", "release end"])
        #expect(daemon.requests.suffix(3).map(\.shortForm) == ["plug lv-refused", "unplug lv-refused", "unplug lv-refused"])
        #expect(daemon.plugged.isEmpty)
    }
}
