import Foundation

/// Domain XML samples: real libvirt output (Fixtures/) and the documented examples (examples/).
enum HookFixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: testsDirectory.appendingPathComponent("Fixtures/\(name)")))
    }

    static func example(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: repositoryRoot.appendingPathComponent("examples/\(name)")))
    }

    /// A minimal live domain XML with the given interfaces (`type`, `mac`, extra inner XML) and mappings.
    static func domain(_ name: String, interfaces: [(type: String, mac: String, inner: String)],
                       ports: [(mac: String, id: String)], uuid: String = "00000000-0000-4000-8000-000000000001") -> [UInt8] {
        let interfaceXML = interfaces.map { "    <interface type='\($0.type)'>\n      <mac address='\($0.mac)'/>\n      \($0.inner)\n    </interface>" }
        let portXML = ports.map { "      <eswitch:port mac=\"\($0.mac)\" id=\"\($0.id)\"/>" }
        let text = """
        <domain type='kvm' id='1'>
          <name>\(name)</name>
          <uuid>\(uuid)</uuid>
          <metadata>
            <eswitch:ports xmlns:eswitch="urn:eswitch:libvirt:ports:1">
        \(portXML.joined(separator: "\n"))
            </eswitch:ports>
          </metadata>
          <devices>
        \(interfaceXML.joined(separator: "\n"))
          </devices>
        </domain>
        """
        return Array(text.utf8)
    }

    static func tap(_ mac: String, _ device: String) -> (type: String, mac: String, inner: String) {
        ("ethernet", mac, "<target dev='\(device)' managed='yes'/>")
    }

    static func vdpa(_ mac: String, _ device: String = "/dev/vhost-vdpa-0") -> (type: String, mac: String, inner: String) {
        ("vdpa", mac, "<source dev='\(device)'/>")
    }

    static func hostdev(_ mac: String, bus: String, function: String) -> (type: String, mac: String, inner: String) {
        ("hostdev", mac, "<source><address type='pci' domain='0x0000' bus='\(bus)' slot='0x00' function='\(function)'/></source>")
    }
}
