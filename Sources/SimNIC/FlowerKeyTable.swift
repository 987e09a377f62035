import EswitchModel
import Netlink

/// What each TCA_FLOWER_* attribute type is as a match key, for reading filter requests straight
/// from their bytes: the payload size the codec decodes it with, the profile's key, and whether it
/// is a mask (whose value says whether the match is partial).
///
/// The table is not written by hand: it is read off the codec, by decoding a probe attribute of
/// every type and size and asking the same question the typed path asks of the decoded value
/// (``EmulatedHost/offloadKey(_:)``), so the two readings cannot disagree.
struct FlowerKeyTable: Sendable {
    struct Entry: Sendable {
        var size: Int
        var key: FlowerKey
        /// The key's bit in key sets (``OffloadSupportTable/bit(_:)-(FlowerKey)``); 0 when the
        /// support table cannot be used (the request then goes the typed way).
        var bit: UInt64
        /// True for a mask attribute: an all-ones payload is a full match, anything else partial.
        var isMask: Bool
    }

    /// By attribute type.
    private let entries: [Entry?]

    /// The table built from the codec.
    static let shared = FlowerKeyTable()

    private init() {
        var entries = [Entry?](repeating: nil, count: 128)
        for type in 1..<UInt16(entries.count) {
            for size in [1, 2, 4, 6, 8, 16] {
                guard let zeros = Self.probe(type, [UInt8](repeating: 0, count: size)),
                      let ones = Self.probe(type, [UInt8](repeating: 0xFF, count: size)),
                      let key = zeros.key, key == ones.key, ones.unknownName == nil else { continue }
                entries[Int(type)] = Entry(size: size, key: key, bit: OffloadSupportTable.bit(key) ?? 0, isMask: zeros.partial && !ones.partial)
                break
            }
        }
        self.entries = entries
    }

    /// The key a probe attribute decodes to, when the codec reads it as a typed key (attributes it
    /// keeps raw, the action list and the flags are not keys here).
    private static func probe(_ type: UInt16, _ payload: [UInt8]) -> OffloadKey? {
        guard let attribute = try? FlowerAttribute(decoding: NetlinkAttribute(rawType: type, payload: payload[...])) else { return nil }
        switch attribute {
        case .unknown, .actions, .flags, .inHardwareCount, .classID, .inputDevice: return nil
        default: return EmulatedHost.offloadKey(attribute)
        }
    }

    /// The entry for an attribute type with no flag bits, if the codec decodes it as a typed key.
    func entry(for rawType: UInt16) -> Entry? {
        Int(rawType) < entries.count ? entries[Int(rawType)] : nil
    }
}
