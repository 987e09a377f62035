import ControlAPI
import EswitchModel

/// Pairs a domain's port mappings with its interfaces: what `prepare` plugs and `started` verifies.
public enum PortBindingPlan {
    /// One plug request per mapping, in the order of the interfaces in the XML. Interfaces without
    /// a mapping are left alone.
    /// - Throws: `HookError.portMapping` when a mapping names a MAC no interface has, when two
    ///   interfaces share the MAC, when the interface is of a type eswitch cannot attach, or when a
    ///   hostdev interface has no VF address.
    public static func plugRequests(for domain: DomainDescription) throws(HookError) -> [PlugRequest] {
        var requests: [(index: Int, request: PlugRequest)] = []
        for mapping in domain.portMappings {
            let matches = domain.interfaces.indices.filter { domain.interfaces[$0].mac == mapping.mac }
            guard let index = matches.first else {
                throw .portMapping("port '\(mapping.port)' names MAC \(mapping.mac), which no <interface> of domain '\(domain.name)' has")
            }
            guard matches.count == 1 else {
                throw .portMapping("MAC \(mapping.mac) of port '\(mapping.port)' is on \(matches.count) interfaces (lines \(matches.map { String(domain.interfaces[$0].line) }.joined(separator: ", ")))")
            }
            let interface = domain.interfaces[index]
            guard let kind = interface.kind else {
                throw .portMapping("port '\(mapping.port)': interface \(mapping.mac) has type '\(interface.type)'; eswitch attaches only \(InterfaceKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if kind == .hostdev, interface.sourceVF == nil {
                throw .portMapping("port '\(mapping.port)': hostdev interface \(mapping.mac) has no <source><address type='pci' .../> naming its VF")
            }
            requests.append((index, PlugRequest(port: mapping.port, domain: domain.name, domainUUID: domain.uuid, kind: kind,
                                                mac: mapping.mac, requestedVF: interface.sourceVF,
                                                targetDevice: kind == .hostdev || kind == .vdpa ? nil : interface.targetDevice)))
        }
        return requests.sorted { $0.index < $1.index }.map(\.request)
    }

    /// Every mapped port (teardown releases them all, even when an interface was hot-unplugged
    /// since `prepare` and is gone from the XML).
    public static func mappedPorts(of domain: DomainDescription) -> [PortID] {
        domain.portMappings.map(\.port)
    }
}
