/// The uplink of this node: a netdev name, or the PCI address of the physical function.
///
/// Written as one string: a PCI address (`0000:03:00.0`) or an interface name (`p0`). Interface
/// names can never contain ':' (see `InterfaceName.problem`), so the two forms cannot be confused.
/// A PCI address is the stable choice (house rule: keep state by PCI BDF, not by netdev name).
public enum Uplink: Hashable, Sendable, CustomStringConvertible {
    case netdev(InterfaceName)
    case pci(PCIAddress)

    public var description: String {
        switch self {
        case .netdev(let name): return name.rawValue
        case .pci(let address): return address.description
        }
    }
}

extension Uplink: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        if text.contains(":") {
            guard let address = PCIAddress(text) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "invalid PCI address '\(text)' (expected dddd:bb:dd.f; interface names cannot contain ':')"))
            }
            self = .pci(address)
        } else {
            self = .netdev(InterfaceName(text))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
