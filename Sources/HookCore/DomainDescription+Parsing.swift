import EswitchModel

extension DomainDescription {
    /// Reads the domain XML libvirt passes on stdin.
    /// - Parameters:
    ///   - data: the bytes kept from stdin.
    ///   - totalSize: how many bytes stdin had (more than `data` when it was cut at the limit).
    /// - Throws: `HookError.domainXML` for input refused before or during parsing, and for an
    ///   eswitch metadata element that is not exactly as documented.
    public static func parse(_ data: [UInt8], totalSize: Int? = nil) throws(HookError) -> DomainDescription {
        try DomainXMLGuard.check(data, totalSize: totalSize ?? data.count)
        return try DomainDescription(domain: XMLElementTreeReader.parse(data))
    }

    /// Reads a parsed `<domain>` element.
    /// - Throws: `HookError.domainXML` naming the element and line that is wrong.
    public init(domain root: XMLElementNode) throws(HookError) {
        guard root.name == "domain", root.namespaceURI.isEmpty else {
            throw .domainXML("root element is <\(root.name)>, expected <domain>")
        }
        guard let name = root.child("name")?.text, !name.isEmpty else { throw .domainXML("<domain> has no <name>") }
        let uuid = root.child("uuid").map(\.text).flatMap { $0.isEmpty ? nil : $0 }
        let interfaces = root.children("devices").flatMap { $0.children("interface") }.map(Self.interface)
        let mappings = try Self.portMappings(in: root.children("metadata"))
        self.init(name: name, uuid: uuid, interfaces: interfaces, portMappings: mappings)
    }

    static func interface(_ element: XMLElementNode) -> DomainInterface {
        let source = element.child("source")
        var vf: PCIAddress?
        if element.attributes["type"] == "hostdev", let address = source?.child("address"), address.attributes["type"] == "pci" {
            vf = pciAddress(address)
        }
        return DomainInterface(type: element.attributes["type"] ?? "",
                               mac: element.child("mac")?.attributes["address"].flatMap(MACAddress.init),
                               sourceVF: vf,
                               targetDevice: element.child("target")?.attributes["dev"],
                               line: element.line)
    }

    /// `<address domain='0x0000' bus='0x03' slot='0x00' function='0x2'/>` (libvirt writes hex with
    /// 0x; decimal is accepted as libvirt's parser does).
    static func pciAddress(_ element: XMLElementNode) -> PCIAddress? {
        func number(_ key: String, max: UInt32) -> UInt32? {
            guard let text = element.attributes[key] else { return key == "domain" ? 0 : nil }
            let value = text.lowercased().hasPrefix("0x") ? UInt32(text.dropFirst(2), radix: 16) : UInt32(text)
            return value.flatMap { $0 <= max ? $0 : nil }
        }
        guard let domain = number("domain", max: 0xFFFF), let bus = number("bus", max: 0xFF),
              let slot = number("slot", max: 31), let function = number("function", max: 7) else { return nil }
        return PCIAddress(domain: UInt16(domain), bus: UInt8(bus), device: UInt8(slot), function: UInt8(function))
    }

    static func portMappings(in metadata: [XMLElementNode]) throws(HookError) -> [PortMapping] {
        var containers: [XMLElementNode] = []
        for element in metadata.flatMap(\.children) {
            if element.namespaceURI == EswitchMetadata.namespaceURI, element.name == EswitchMetadata.portsElement {
                containers.append(element)
            } else if element.namespaceURI.hasPrefix(EswitchMetadata.namespaceFamily) {
                throw .domainXML("line \(element.line): metadata element <\(element.name)> in namespace '\(element.namespaceURI)' is not supported (expected <\(EswitchMetadata.portsElement)> in '\(EswitchMetadata.namespaceURI)')")
            }
        }
        guard containers.count <= 1 else {
            throw .domainXML("line \(containers[1].line): more than one <\(EswitchMetadata.portsElement)> element in '\(EswitchMetadata.namespaceURI)'")
        }
        var mappings: [PortMapping] = []
        var macs: Set<MACAddress> = []
        var ports: Set<PortID> = []
        for element in containers.first?.children ?? [] {
            let mapping = try portMapping(element)
            guard macs.insert(mapping.mac).inserted else {
                throw .domainXML("line \(element.line): MAC \(mapping.mac) is mapped twice")
            }
            guard ports.insert(mapping.port).inserted else {
                throw .domainXML("line \(element.line): port '\(mapping.port)' is mapped twice")
            }
            mappings.append(mapping)
        }
        return mappings
    }

    static func portMapping(_ element: XMLElementNode) throws(HookError) -> PortMapping {
        let at = "line \(element.line)"
        guard element.namespaceURI == EswitchMetadata.namespaceURI, element.name == EswitchMetadata.portElement else {
            throw .domainXML("\(at): unexpected element <\(element.name)> in <\(EswitchMetadata.portsElement)> (only <\(EswitchMetadata.portElement) mac=... id=.../>)")
        }
        let known: Set = [EswitchMetadata.macAttribute, EswitchMetadata.idAttribute]
        if let unknown = element.attributes.keys.sorted().first(where: { !known.contains($0) }) {
            throw .domainXML("\(at): <\(EswitchMetadata.portElement)> has unknown attribute '\(unknown)' (expected mac and id)")
        }
        guard let macText = element.attributes[EswitchMetadata.macAttribute] else {
            throw .domainXML("\(at): <\(EswitchMetadata.portElement)> has no mac attribute")
        }
        guard let mac = MACAddress(macText) else { throw .domainXML("\(at): invalid MAC address '\(macText)'") }
        guard let id = element.attributes[EswitchMetadata.idAttribute] else {
            throw .domainXML("\(at): <\(EswitchMetadata.portElement) mac='\(macText)'> has no id attribute")
        }
        let port = PortID(id)
        if let problem = port.problem { throw .domainXML("\(at): port id \(problem)") }
        return PortMapping(mac: mac, port: port)
    }
}
