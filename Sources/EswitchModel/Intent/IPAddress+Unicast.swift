extension IPAddress {
    /// What this address is when it cannot identify one host (a VTEP, a port, a NAT address), as a
    /// phrase that completes "ADDRESS is ...", or nil when it can.
    ///
    /// IPv4: 0.0.0.0/8 "this network" (RFC 1122 3.2.1.3), 127.0.0.0/8 loopback (RFC 1122),
    /// 224.0.0.0/4 multicast (RFC 5771), 240.0.0.0/4 reserved (RFC 1112 section 4),
    /// 255.255.255.255 limited broadcast (RFC 919).
    /// IPv6: :: unspecified, ::1 loopback, ff00::/8 multicast (RFC 4291 2.5.2, 2.5.3, 2.7).
    var nonUnicastKind: String? {
        switch self {
        case .v4(let a):
            let first = a.rawValue >> 24
            if first == 0 { return "in 0.0.0.0/8 (\"this network\")" }
            if first == 127 { return "a loopback address" }
            if first >= 224 && first <= 239 { return "a multicast address" }
            if a.rawValue == .max { return "the limited broadcast address" }
            if first >= 240 { return "in 240.0.0.0/4 (reserved)" }
            return nil
        case .v6(let a):
            if a.high == 0 && a.low == 0 { return "the unspecified address" }
            if a.high == 0 && a.low == 1 { return "a loopback address" }
            if a.high >> 56 == 0xff { return "a multicast address" }
            return nil
        }
    }

    /// A total order (IPv4 before IPv6, then numeric) used to sort the intent canonically.
    var intentSortKey: (UInt8, UInt64, UInt64) {
        switch self {
        case .v4(let a): return (4, 0, UInt64(a.rawValue))
        case .v6(let a): return (6, a.high, a.low)
        }
    }

    static func intentOrder(_ a: IPAddress, _ b: IPAddress) -> Bool { a.intentSortKey < b.intentSortKey }
}
