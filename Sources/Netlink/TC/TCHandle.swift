/// A traffic-control handle, `major:minor` with 16 bits each (`tcm_handle`, `tcm_parent`,
/// TCA_FLOWER_CLASSID). Printed and parsed as tc does: `root`, `none`, `ffff:`, `:fff2`,
/// `ffff:fff2` (hexadecimal).
public struct TCHandle: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 32-bit value, major in the upper half.
    public var rawValue: UInt32

    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Creates `major:minor` (TC_H_MAKE).
    @inlinable public init(major: UInt16, minor: UInt16) {
        rawValue = UInt32(major) << 16 | UInt32(minor)
    }

    /// The upper 16 bits (TC_H_MAJ, shifted down).
    @inlinable public var major: UInt16 { UInt16(truncatingIfNeeded: rawValue >> 16) }
    /// The lower 16 bits (TC_H_MIN).
    @inlinable public var minor: UInt16 { UInt16(truncatingIfNeeded: rawValue) }

    /// TC_H_UNSPEC: no handle (tc prints `none`).
    public static let unspecified = TCHandle(rawValue: TC_H.unspec)
    /// TC_H_ROOT: the root of the device's qdisc tree.
    public static let root = TCHandle(rawValue: TC_H.root)
    /// TC_H_INGRESS (= TC_H_CLSACT), ffff:fff1: the parent given when adding an ingress or clsact qdisc.
    public static let ingressQdiscParent = TCHandle(rawValue: TC_H.ingress)
    /// ffff:0, the handle of the ingress and clsact qdiscs (`tc qdisc add ... ingress` sends it).
    public static let ingressQdisc = TCHandle(major: 0xFFFF, minor: 0)
    /// ffff:fff2 (TC_H_MIN_INGRESS): the parent of filters on the ingress hook (`tc filter ... ingress`).
    public static let ingressHook = TCHandle(major: 0xFFFF, minor: UInt16(TC_H.minIngress))
    /// ffff:fff3 (TC_H_MIN_EGRESS): the parent of filters on the clsact egress hook.
    public static let egressHook = TCHandle(major: 0xFFFF, minor: UInt16(TC_H.minEgress))

    /// tc's text form (sprint_tc_classid).
    public var description: String {
        if rawValue == TC_H.root { return "root" }
        if rawValue == TC_H.unspec { return "none" }
        let maj = String(major, radix: 16), min = String(minor, radix: 16)
        if major == 0 { return ":" + min }
        if minor == 0 { return maj + ":" }
        return maj + ":" + min
    }

    /// Parses tc's text forms: `root`, `none`, `MAJ:`, `:MIN`, `MAJ:MIN` (hex, up to 4 digits each).
    public init?(_ text: String) {
        switch text {
        case "root": self = .root; return
        case "none": self = .unspecified; return
        default: break
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !(parts[0].isEmpty && parts[1].isEmpty) else { return nil }
        func field(_ s: Substring) -> UInt16? {
            if s.isEmpty { return 0 }
            guard s.count <= 4 else { return nil }
            return UInt16(s, radix: 16)
        }
        guard let maj = field(parts[0]), let min = field(parts[1]) else { return nil }
        self.init(major: maj, minor: min)
    }

    public static func < (a: TCHandle, b: TCHandle) -> Bool { a.rawValue < b.rawValue }
}

extension TCHandle: Codable {
    /// JSON: tc's text form; a plain number is accepted too.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(UInt32.self) {
            rawValue = n
            return
        }
        let text = try c.decode(String.self)
        guard let h = TCHandle(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid tc handle '\(text)' (expected root, none, MAJ:, :MIN or MAJ:MIN in hex)"))
        }
        self = h
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
