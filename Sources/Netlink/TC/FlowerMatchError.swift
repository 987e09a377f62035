/// Why a ``FlowerMatch`` cannot be expressed as flower attributes: names the field.
public struct FlowerMatchError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field, by its tc word (`dst_port`, `src_ip_mask`...).
    public var field: String
    /// What is wrong with it.
    public var reason: String

    /// An error about `field`.
    public init(field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}
