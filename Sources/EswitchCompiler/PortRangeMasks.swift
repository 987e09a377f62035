import EswitchModel

/// Turns a port range into the fewest value/mask pairs that cover it exactly, since flower and
/// rte_flow match ports by mask, not by range (the same decomposition Open vSwitch documents for
/// its "ovs-ofctl" port-range matches: aligned power-of-two blocks).
enum PortRangeMasks {
    static func masks(for range: ClosedRange<UInt16>) -> [MaskedField<UInt16>] {
        if range.lowerBound == 0 && range.upperBound == .max { return [] }  // any port: no match field
        var out: [MaskedField<UInt16>] = []
        var low = UInt32(range.lowerBound)
        let high = UInt32(range.upperBound)
        while low <= high {
            // The largest aligned block starting at `low` that stays inside the range.
            var size: UInt32 = 1
            while low % (size * 2) == 0 && low + size * 2 - 1 <= high && size < 0x10000 { size *= 2 }
            let mask = UInt16(truncatingIfNeeded: ~(size - 1))
            out.append(MaskedField(UInt16(low), mask: mask))
            low += size
        }
        return out
    }
}
