/// The kernel's packet-scheduler clock as iproute2 uses it to turn sizes into transmit times:
/// a rate table entry and the police `burst` are "ticks" needed to send that many bytes at the
/// rate (tc_core.c: tc_calc_xmittime, tc_calc_rtable).
///
/// The kernel reports its clock in /proc/net/psched as four hex words: t2us, us2t, clock_res and
/// hz. iproute2 reads the first three: tick_in_usec = t2us / us2t * (clock_res / 1e6), except
/// that clock_res == 1e9 means t2us is really us2t. This machine (and every Linux since 2.6.x
/// with PSCHED_SHIFT 6) reports `000003e8 00000040 000f4240 3b9aca00`: t2us 1000, us2t 64,
/// clock_res 1000000, so 15.625 ticks per microsecond (1 tick = 64 ns). The codec does no I/O;
/// a caller on an unusual kernel builds its own clock from the file's words.
public struct PschedClock: Hashable, Sendable {
    /// Ticks per microsecond (iproute2's tick_in_usec).
    public var ticksPerMicrosecond: Double
    /// How the transmit time is rounded to whole ticks.
    public var rounding: Rounding

    /// iproute2 up to 6.14 truncated twice (the microseconds to an integer, then the ticks);
    /// 6.15 and later round the exact tick count up.
    public enum Rounding: String, Hashable, Sendable, Codable {
        case truncate
        case ceiling
    }

    /// A clock from its tick rate.
    public init(ticksPerMicrosecond: Double, rounding: Rounding = .truncate) {
        self.ticksPerMicrosecond = ticksPerMicrosecond
        self.rounding = rounding
    }

    /// The clock iproute2 derives from the first three words of /proc/net/psched.
    public init(t2us: UInt32, us2t: UInt32, clockResolution: UInt32, rounding: Rounding = .truncate) {
        let t2us = clockResolution == 1_000_000_000 ? us2t : t2us
        let factor = Double(clockResolution) / 1_000_000
        self.init(ticksPerMicrosecond: us2t == 0 ? 1 : Double(t2us) / Double(us2t) * factor, rounding: rounding)
    }

    /// This machine's /proc/net/psched (000003e8 00000040 000f4240), iproute2 6.1 rounding —
    /// the constants of the golden vectors.
    public static let linux = PschedClock(t2us: 0x3e8, us2t: 0x40, clockResolution: 0xf4240)

    /// Ticks to send `size` bytes at `rate` bytes per second (tc_calc_xmittime); saturates at
    /// UInt32.max, and a zero rate gives UInt32.max instead of dividing by zero.
    public func transmitTime(rate: UInt64, size: UInt64) -> UInt32 {
        guard rate > 0 else { return .max }
        let microseconds = 1_000_000 * (Double(size) / Double(rate))
        switch rounding {
        case .truncate:
            return Self.clamp(Double(Self.clamp(microseconds)) * ticksPerMicrosecond)
        case .ceiling:
            return Self.clamp((microseconds * ticksPerMicrosecond).rounded(.up))
        }
    }

    /// Bytes sent at `rate` during `ticks` (tc_calc_xmitsize), the inverse of ``transmitTime(rate:size:)``.
    public func transmitSize(rate: UInt64, ticks: UInt32) -> UInt64 {
        let microseconds: Double
        switch rounding {
        case .truncate: microseconds = Double(Self.clamp(Double(ticks) / ticksPerMicrosecond))
        case .ceiling: microseconds = Double(ticks) / ticksPerMicrosecond
        }
        let bytes = Double(rate) * microseconds / 1_000_000
        guard bytes.isFinite, bytes > 0 else { return 0 }
        return bytes >= 0x1p64 ? .max : UInt64(bytes)
    }

    /// Double -> u32 the way C's conversion behaves for in-range values, without trapping on
    /// NaN, infinities or out-of-range values.
    static func clamp(_ x: Double) -> UInt32 {
        guard x.isFinite else { return x < 0 ? 0 : .max }
        if x <= 0 { return 0 }
        if x >= 4_294_967_295 { return .max }
        return UInt32(x)
    }

    /// A rate table (tc_calc_rtable): entry i is the time to send ((i + 1) << cellLog) bytes,
    /// raised to `mpu` and to whole ATM cells on ATM links.
    public func rateTable(rate: UInt64, cellLog: UInt8, mpu: UInt16, linkLayer: UInt8) -> [UInt32] {
        var table: [UInt32] = []
        table.reserveCapacity(256)
        for i in 0..<256 {
            let raw = UInt64(i + 1) << UInt64(min(cellLog, 40))
            var size = UInt64(UInt32(truncatingIfNeeded: raw))  // iproute2 keeps it in an unsigned int
            if size < UInt64(mpu) { size = UInt64(mpu) }
            if linkLayer & TC_LINKLAYER.mask == TC_LINKLAYER.atm {
                size = (size + 47) / 48 * 53  // whole 48-byte cells, 53 bytes each on the wire
                size = UInt64(UInt32(truncatingIfNeeded: size))
            }
            table.append(transmitTime(rate: rate, size: size))
        }
        return table
    }

    /// The cell size iproute2 picks when none is given: the smallest log2 with mtu >> cellLog <=
    /// 255, mtu 0 meaning 2047.
    public static func defaultCellLog(mtu: UInt32) -> UInt8 {
        let mtu = mtu == 0 ? 2047 : mtu
        var cellLog: UInt8 = 0
        while mtu >> UInt32(cellLog) > 255 { cellLog += 1 }
        return cellLog
    }
}
