import EswitchModel

/// The testpmd text of one item field: `dst is 10.0.0.1` when the mask covers the whole field,
/// `dst spec 10.0.0.0 dst mask 255.0.0.0` otherwise (testpmd's flow syntax, DPDK 22.11
/// doc/guides/testpmd_app_ug/testpmd_funcs.rst "Matching pattern").
enum TestpmdField {
    static func text<Value>(_ name: String, _ field: MaskedField<Value>?, full: Value, _ format: (Value) -> String) -> String? {
        guard let field else { return nil }
        if field.mask == full { return "\(name) is \(format(field.value))" }
        return "\(name) spec \(format(field.value)) \(name) mask \(format(field.mask))"
    }

    static func mac(_ name: String, _ field: MaskedField<MACAddress>?) -> String? {
        text(name, field, full: .broadcast) { $0.description }
    }

    static func ipv4(_ name: String, _ field: MaskedField<IPv4Address>?) -> String? {
        text(name, field, full: IPv4Address(rawValue: .max)) { $0.description }
    }

    static func ipv6(_ name: String, _ field: MaskedField<IPv6Address>?) -> String? {
        text(name, field, full: IPv6Address(high: .max, low: .max)) { $0.description }
    }

    /// Integers in decimal; `hex` for EtherTypes and masks read better in hexadecimal (testpmd
    /// parses both: its integer tokens take a C prefix).
    static func integer<T: FixedWidthInteger>(_ name: String, _ field: MaskedField<T>?, full: T = ~0, hex: Bool = false) -> String? {
        guard let field else { return nil }
        if field.mask == full { return "\(name) is \(hex ? hexText(field.value) : String(field.value))" }
        return "\(name) spec \(hex ? hexText(field.value) : String(field.value)) \(name) mask \(hexText(field.mask))"
    }

    static func hexText<T: FixedWidthInteger>(_ value: T) -> String {
        let digits = String(value, radix: 16)
        let width = T.bitWidth / 4
        return "0x" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
