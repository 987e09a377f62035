extension Array where Element == UInt8 {
    /// Parses lower- or upper-case hex with no separators; nil for odd length or a non-hex digit.
    public init?(hex text: some StringProtocol) {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let hi = hexNibble(utf8[i]), let lo = hexNibble(utf8[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        self = out
    }
}

extension Collection where Element == UInt8 {
    /// Lower-case hex, two digits per byte, no separators.
    public var hexString: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Why a hex line could not be read: names the character offset.
public struct HexParseError: Error, CustomStringConvertible {
    public var offset: Int
    public var reason: String
    public var description: String { "hex offset \(offset): \(reason)" }

    /// Validates and converts, naming the first bad character or the odd length.
    public static func parse(_ text: some StringProtocol) throws(HexParseError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        for (i, c) in utf8.enumerated() where hexNibble(c) == nil {
            throw HexParseError(offset: i, reason: "'\(Character(Unicode.Scalar(c)))' is not a hex digit")
        }
        guard utf8.count % 2 == 0 else { throw HexParseError(offset: utf8.count, reason: "odd number of hex digits (\(utf8.count))") }
        return [UInt8](hex: text)!
    }
}

@inline(__always) private func hexNibble(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
}
