/// The u32 `setting` of struct ifla_vf_spoofchk / ifla_vf_trust / ifla_vf_rss_query_en: 1 on,
/// 0 off. The kernel reports 0xffffffff (-1) when the driver does not support the setting, so any
/// value is kept. JSON: `true` / `false`, or the number for any other value.
public struct VFSetting: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ on: Bool) { rawValue = on ? 1 : 0 }

    public static let on = VFSetting(rawValue: 1)
    public static let off = VFSetting(rawValue: 0)
    /// What the kernel reports for a driver without the setting.
    public static let unsupported = VFSetting(rawValue: UInt32.max)

    /// true / false for 1 / 0, nil for any other value (unsupported).
    public var isOn: Bool? {
        switch rawValue {
        case 0: return false
        case 1: return true
        default: return nil
        }
    }

    public var description: String { isOn.map { $0 ? "on" : "off" } ?? String(rawValue) }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) {
            rawValue = b ? 1 : 0
        } else {
            rawValue = try c.decode(UInt32.self)
        }
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let b = isOn { try c.encode(b) } else { try c.encode(rawValue) }
    }
}
