/// Classifier flags (TCA_CLS_FLAGS_*) in TCA_FLOWER_FLAGS: what the caller asks for (skip_sw,
/// skip_hw) and, in answers, where the kernel placed the filter (in_hw, not_in_hw).
/// JSON: a list of tc's words, `["skip_sw","in_hw"]`.
public struct FilterFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt32
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// skip_hw: don't offload to hardware.
    public static let skipHardware = FilterFlags(rawValue: TCA_CLS_FLAGS.skipHW)
    /// skip_sw: hardware only; the add fails if the driver cannot offload it.
    public static let skipSoftware = FilterFlags(rawValue: TCA_CLS_FLAGS.skipSW)
    /// in_hw (answers): offloaded to at least one device.
    public static let inHardware = FilterFlags(rawValue: TCA_CLS_FLAGS.inHW)
    /// not_in_hw (answers): not offloaded.
    public static let notInHardware = FilterFlags(rawValue: TCA_CLS_FLAGS.notInHW)
    /// verbose: report offload failures through extack.
    public static let verbose = FilterFlags(rawValue: TCA_CLS_FLAGS.verbose)

    static let names: [(String, UInt64)] = [
        ("skip_hw", UInt64(TCA_CLS_FLAGS.skipHW)), ("skip_sw", UInt64(TCA_CLS_FLAGS.skipSW)),
        ("in_hw", UInt64(TCA_CLS_FLAGS.inHW)), ("not_in_hw", UInt64(TCA_CLS_FLAGS.notInHW)),
        ("verbose", UInt64(TCA_CLS_FLAGS.verbose)),
    ]
}

extension FilterFlags: Codable {
    public init(from decoder: Decoder) throws {
        rawValue = UInt32(try BitNames.decode(decoder, names: Self.names, width: 32))
    }
    public func encode(to encoder: Encoder) throws {
        try BitNames.encode(UInt64(rawValue), names: Self.names, to: encoder)
    }
}
