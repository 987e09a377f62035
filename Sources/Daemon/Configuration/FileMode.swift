/// Permission bits of a socket file, written in octal as in chmod (`"0660"`).
public struct FileMode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Parses octal text (`0660`, `660`, `0o660`); only permission bits are allowed.
    public init(parsing text: String) throws(ConfigurationValueError) {
        let digits = text.hasPrefix("0o") ? String(text.dropFirst(2)) : text
        guard let value = UInt32(digits, radix: 8), value <= 0o777, !digits.isEmpty else {
            throw ConfigurationValueError("expected octal permission bits such as \"0660\", found '\(text)'")
        }
        rawValue = value
    }

    public var description: String { "0" + String(rawValue, radix: 8) }
}
