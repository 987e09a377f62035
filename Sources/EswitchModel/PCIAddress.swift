/// A PCI function address (domain:bus:device.function), the stable identity of a NIC function.
public struct PCIAddress: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var domain: UInt16
    public var bus: UInt8
    public var device: UInt8
    public var function: UInt8

    public init(domain: UInt16 = 0, bus: UInt8, device: UInt8, function: UInt8) {
        self.domain = domain
        self.bus = bus
        self.device = device
        self.function = function
    }

    /// Parses `0000:03:00.0` or `03:00.0` (device 0...31, function 0...7); nil when malformed.
    public init?(_ text: String) {
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 2 { parts.insert("0000", at: 0) }
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2,
              let domain = UInt16(parts[0], radix: 16), let bus = UInt8(parts[1], radix: 16) else { return nil }
        let devfn = parts[2].split(separator: ".", omittingEmptySubsequences: false)
        guard devfn.count == 2, devfn[0].count == 2, devfn[1].count == 1,
              let device = UInt8(devfn[0], radix: 16), let function = UInt8(devfn[1], radix: 16),
              device < 32, function < 8 else { return nil }
        self.init(domain: domain, bus: bus, device: device, function: function)
    }

    /// `dddd:bb:dd.f`, lower-case hex as sysfs and devlink print it.
    public var description: String {
        func hex(_ v: some BinaryInteger, _ width: Int) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(hex(domain, 4)):\(hex(bus, 2)):\(hex(device, 2)).\(function)"
    }

    public static func < (a: PCIAddress, b: PCIAddress) -> Bool {
        (a.domain, a.bus, a.device, a.function) < (b.domain, b.bus, b.device, b.function)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = PCIAddress(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid PCI address '\(text)'"))
        }
        self = address
    }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(description) }
}
