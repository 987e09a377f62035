extension CIDR {
    /// Parses `address/length`, explaining what is wrong when it fails.
    public static func parse(_ text: String) -> Result<CIDR, CIDRParseError> {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .failure(CIDRParseError(text: text, reason: "expected address/prefix-length, e.g. 10.0.0.0/24")) }
        guard let address = IPAddress(String(parts[0])) else {
            return .failure(CIDRParseError(text: text, reason: "invalid address '\(parts[0])'"))
        }
        let lengthText = parts[1]
        guard !lengthText.isEmpty, lengthText.count <= 3, lengthText.allSatisfy({ $0.isASCII && $0.isNumber }),
              let length = Int(lengthText) else {
            return .failure(CIDRParseError(text: text, reason: "invalid prefix length '\(lengthText)'"))
        }
        guard let cidr = CIDR(address: address, prefixLength: length) else {
            return .failure(CIDRParseError(
                text: text, reason: "prefix length \(length) exceeds \(address.family.addressBits) for \(address.family.rawValue)"))
        }
        return .success(cidr)
    }
}

/// Why a text is not a CIDR prefix.
public struct CIDRParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text that failed to parse.
    public let text: String
    /// What is wrong with it.
    public let reason: String

    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String { "invalid CIDR '\(text)': \(reason)" }
}

extension CIDR: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        switch CIDR.parse(text) {
        case .success(let cidr): self = cidr
        case .failure(let error):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
