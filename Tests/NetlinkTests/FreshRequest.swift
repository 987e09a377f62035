import EswitchModel
import Netlink

/// One iproute2 command line generated for FreshIproute2CaptureTests, with what its request must
/// be: the message type and flags, and a check of the typed fields against the values put on the
/// command line.
struct FreshRequest {
    /// The argument vector (program first).
    let words: [String]
    /// devlink or vdpa: run with the generic netlink stub, decoded with a context mapping the
    /// stub's family id to this family.
    var genericFamily: GenericFamily?
    /// The nlmsg_type; ignored for generic netlink (the stub's id is expected there).
    let type: UInt16
    let flags: NetlinkFlags
    /// Returns the mismatches between the decoded request and the command line's values.
    let check: (NetlinkMessage, inout FreshMismatches) -> Void

    var command: String { words.joined(separator: " ") }

    init(_ words: [String], genericFamily: GenericFamily? = nil, type: UInt16, flags: NetlinkFlags,
         check: @escaping (NetlinkMessage, inout FreshMismatches) -> Void) {
        self.words = words
        self.genericFamily = genericFamily
        self.type = type
        self.flags = flags
        self.check = check
    }
}

/// The differences found by a ``FreshRequest`` check.
struct FreshMismatches {
    private(set) var list: [String] = []

    /// Records a difference when `got` is not `want`.
    mutating func equal<T: Equatable>(_ what: String, _ got: T, _ want: T) {
        if got != want { list.append("\(what): decoded \(got), command line \(want)") }
    }

    /// Records the first differing element (or the count) when the lists differ.
    mutating func equalLists<T: Equatable>(_ what: String, _ got: [T], _ want: [T]) {
        guard got != want else { return }
        guard got.count == want.count else { return list.append("\(what): decoded \(got.count) elements, command line \(want.count)") }
        for (i, (a, b)) in zip(got, want).enumerated() where a != b {
            list.append("\(what)[\(i)]:\n decoded      \(a)\n command line \(b)")
            return
        }
    }

    mutating func fail(_ text: String) { list.append(text) }
}

/// A seeded SplitMix64 generator: the same seed gives the same commands, so a failure can be
/// reproduced (the seed is in every failure message; ESWITCH_FRESH_SEED picks another one).
struct FreshRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
    mutating func pick<T>(_ list: [T]) -> T { list[int(0...(list.count - 1))] }
    mutating func byte() -> UInt8 { UInt8.random(in: 0...255, using: &self) }

    /// A locally administered unicast MAC.
    mutating func mac() -> MACAddress {
        MACAddress((byte() & 0xFC) | 0x02, byte(), byte(), byte(), byte(), byte())
    }

    /// A unicast IPv4 address in one of the private or documentation ranges, host part not 0.
    mutating func ipv4() -> IPv4Address {
        switch int(0...4) {
        case 0: return IPv4Address(10, byte(), byte(), UInt8(int(1...254)))
        case 1: return IPv4Address(172, UInt8(int(16...31)), byte(), UInt8(int(1...254)))
        case 2: return IPv4Address(192, 168, byte(), UInt8(int(1...254)))
        case 3: return IPv4Address(198, 51, 100, UInt8(int(1...254)))
        default: return IPv4Address(203, 0, 113, UInt8(int(1...254)))
        }
    }

    /// An IPv6 address in 2001:db8::/32.
    mutating func ipv6() -> IPv6Address {
        IPv6Address(high: 0x2001_0DB8 << 32 | UInt64(UInt32.random(in: 0...UInt32.max, using: &self)),
                    low: UInt64.random(in: 1...UInt64.max, using: &self))
    }

    /// A PCI address like 0000:5e:00.3.
    mutating func pci() -> PCIAddress {
        PCIAddress(domain: chance(80) ? 0 : UInt16(int(1...0xff)), bus: byte(), device: UInt8(int(0...31)), function: UInt8(int(0...7)))
    }

    /// `count` random bytes as lowercase hex.
    mutating func hex(_ count: Int) -> (bytes: [UInt8], text: String) {
        let bytes = (0..<count).map { _ in byte() }
        return (bytes, bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined())
    }
}
