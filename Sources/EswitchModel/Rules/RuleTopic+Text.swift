extension RuleTopic {
    /// Calls `body` with the topic's text as UTF-8, rendered on the stack (no allocation).
    public func withText<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        if case .text(var text) = storage {
            return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: textCapacity) { buffer in
            var writer = TextWriter(buffer.baseAddress!)
            write(to: &writer)
            return body(UnsafeRawBufferPointer(start: buffer.baseAddress!, count: writer.count))
        }
    }

    /// An upper bound of the text's length in bytes.
    var textCapacity: Int {
        switch storage {
        case .text(let text): return text.utf8.count
        case .mac: return 17
        case .address: return 39
        case .route: return 39 + 5 + 17
        case .decap: return 10 + 1 + 17
        case .securityGroupRule(let group, _, _): return group.rawValue.utf8.count + 22
        case .securityGroupRuleContent(let rule, _): return rule.text.utf8.count + 11
        case .delivery(let port, let topic):
            switch topic {
            case .securityGroupRule(let group, _, _): return port.rawValue.utf8.count + 1 + group.rawValue.utf8.count + 22
            case .securityGroupRuleContent(let rule, _): return port.rawValue.utf8.count + 1 + rule.text.utf8.count + 11
            default: return port.rawValue.utf8.count + 12
            }
        case .snatFrom(let network, _): return network.rawValue.utf8.count + 6 + 17
        case .snatReturn(let network, _): return network.rawValue.utf8.count + 11 + 39
        }
    }

    func write(to w: inout TextWriter) {
        switch storage {
        case .text(let text): w.string(text)
        case .mac(let mac): w.mac(mac)
        case .address(let ip): w.ip(ip)
        case .route(let ip, let gateway):
            w.ip(ip)
            w.ascii(" via ")
            w.mac(gateway)
        case .decap(let vni, let mac):
            w.decimal(UInt64(vni.rawValue))
            w.byte(0x20)
            w.mac(mac)
        case .securityGroupRule(let group, let rule, let block):
            w.securityGroupRule(group, rule, block)
        case .securityGroupRuleContent(let rule, let block):
            w.securityGroupRule(rule, block)
        case .delivery(let port, let topic):
            w.string(port.rawValue)
            w.byte(0x20)
            switch topic {
            case .all: w.ascii("*")
            case .track: w.ascii("track")
            case .established: w.ascii("established")
            case .arp: w.ascii("arp")
            case .securityGroupRule(let group, let rule, let block): w.securityGroupRule(group, rule, block)
            case .securityGroupRuleContent(let rule, let block): w.securityGroupRule(rule, block)
            }
        case .snatFrom(let network, let gateway):
            w.string(network.rawValue)
            w.ascii(" from ")
            w.mac(gateway)
        case .snatReturn(let network, let ip):
            w.string(network.rawValue)
            w.ascii(" return to ")
            w.ip(ip)
        }
    }
}

extension DeliveryTopic {
    /// Calls `body` with the text this part of a delivery topic adds after the port and a space.
    func withText<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        let capacity: Int
        switch self {
        case .securityGroupRule(let group, _, _): capacity = group.rawValue.utf8.count + 22
        case .securityGroupRuleContent(let rule, _): capacity = rule.text.utf8.count + 11
        default: capacity = 12
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var w = TextWriter(buffer.baseAddress!)
            switch self {
            case .all: w.ascii("*")
            case .track: w.ascii("track")
            case .established: w.ascii("established")
            case .arp: w.ascii("arp")
            case .securityGroupRule(let group, let rule, let block): w.securityGroupRule(group, rule, block)
            case .securityGroupRuleContent(let rule, let block): w.securityGroupRule(rule, block)
            }
            return body(UnsafeRawBufferPointer(start: buffer.baseAddress!, count: w.count))
        }
    }
}

/// Writes ASCII text into memory the caller sized (see `RuleTopic.textCapacity`), in the same
/// forms as the `description` of the model's values.
struct TextWriter {
    let base: UnsafeMutablePointer<UInt8>
    var count = 0

    init(_ base: UnsafeMutablePointer<UInt8>) { self.base = base }

    mutating func byte(_ b: UInt8) {
        base[count] = b
        count += 1
    }

    mutating func ascii(_ text: StaticString) {
        text.withUTF8Buffer { for b in $0 { byte(b) } }
    }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            (base + count).update(from: bytes.baseAddress!, count: bytes.count)
            count += bytes.count
        }
    }

    /// Decimal without leading zeros.
    mutating func decimal(_ value: UInt64) {
        var digits: (UInt64, Int) = (1, 1)
        while digits.0 <= value / 10 { digits = (digits.0 * 10, digits.1 + 1) }
        var rest = value, unit = digits.0
        for _ in 0..<digits.1 {
            byte(0x30 + UInt8(rest / unit))
            rest %= unit
            unit /= 10
        }
    }

    mutating func hexDigit(_ v: UInt8) { byte(v < 10 ? 0x30 + v : 0x57 + v) }

    /// Lower-case hex without leading zeros (an IPv6 group).
    mutating func hex(_ value: UInt16) {
        var started = false
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = UInt8((value >> UInt16(shift)) & 0xf)
            if digit != 0 || started || shift == 0 {
                hexDigit(digit)
                started = true
            }
        }
    }

    /// `52:54:00:10:00:02` (as `MACAddress.description`).
    mutating func mac(_ mac: MACAddress) {
        for i in 0..<6 {
            if i > 0 { byte(0x3a) }
            let b = UInt8(truncatingIfNeeded: mac.integer >> UInt64((5 - i) * 8))
            hexDigit(b >> 4)
            hexDigit(b & 0xf)
        }
    }

    mutating func ip(_ ip: IPAddress) {
        switch ip {
        case .v4(let a): ipv4(a)
        case .v6(let a): ipv6(a)
        }
    }

    /// Dotted quad (as `IPv4Address.description`).
    mutating func ipv4(_ a: IPv4Address) {
        for i in 0..<4 {
            if i > 0 { byte(0x2e) }
            decimal(UInt64((a.rawValue >> UInt32((3 - i) * 8)) & 0xff))
        }
    }

    /// RFC 5952 text (as `IPv6Address.description`): the first longest run of two or more zero
    /// groups becomes `::`.
    mutating func ipv6(_ a: IPv6Address) {
        func group(_ i: Int) -> UInt16 {
            UInt16(truncatingIfNeeded: (i < 4 ? a.high : a.low) >> UInt64((3 - i % 4) * 16))
        }
        var bestStart = -1, bestLength = 1, runStart = -1
        for i in 0...8 {
            if i < 8 && group(i) == 0 {
                if runStart < 0 { runStart = i }
            } else if runStart >= 0 {
                if i - runStart > bestLength {
                    bestStart = runStart
                    bestLength = i - runStart
                }
                runStart = -1
            }
        }
        if bestStart < 0 {
            for i in 0..<8 {
                if i > 0 { byte(0x3a) }
                hex(group(i))
            }
            return
        }
        for i in 0..<bestStart {
            if i > 0 { byte(0x3a) }
            hex(group(i))
        }
        byte(0x3a)
        byte(0x3a)
        for i in (bestStart + bestLength)..<8 {
            if i > bestStart + bestLength { byte(0x3a) }
            hex(group(i))
        }
    }

    /// `web/ingress IPv4 tcp 22-22#0`.
    mutating func securityGroupRule(_ rule: SecurityGroupRuleIdentity, _ block: UInt32) {
        string(rule.text)
        byte(0x23)
        decimal(UInt64(block))
    }

    /// `web/2#0`.
    mutating func securityGroupRule(_ group: SecurityGroupID, _ rule: UInt32, _ block: UInt32) {
        string(group.rawValue)
        byte(0x2f)
        decimal(UInt64(rule))
        byte(0x23)
        decimal(UInt64(block))
    }
}
