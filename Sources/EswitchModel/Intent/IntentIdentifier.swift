/// A typed name from the network intent (port, network, subnet...), so that ids of different kinds
/// cannot be mixed up.
///
/// Ids are opaque to eswitch: UUIDs from a cloud control plane and short hand-written names both
/// work. They must be non-empty, at most 255 characters, and free of whitespace and control
/// characters (they appear in logs, paths of problems and rule cookies).
public protocol IntentIdentifier: RawRepresentable<String>, Hashable, Sendable, Comparable, Codable,
    CustomStringConvertible, ExpressibleByStringLiteral
{
    init(rawValue: String)
}

extension IntentIdentifier {
    public init(_ value: String) { self.init(rawValue: value) }
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// The longest id accepted (a generous bound; UUIDs have 36 characters).
    public static var maximumLength: Int { 255 }

    /// Why this id is not acceptable, or nil when it is.
    public var problem: String? {
        if rawValue.isEmpty { return "must not be empty" }
        // Fast path: printable ASCII without spaces (the usual UUIDs and names) is always fine.
        if rawValue.utf8.count <= Self.maximumLength, rawValue.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f }) { return nil }
        if rawValue.unicodeScalars.count > Self.maximumLength {
            return "longer than \(Self.maximumLength) characters"
        }
        if rawValue.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7f }) {
            return "'\(rawValue)' contains whitespace or control characters"
        }
        return nil
    }
}

/// The id of a port (a VM NIC).
public struct PortID: IntentIdentifier {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The id of an overlay network.
public struct NetworkID: IntentIdentifier {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The id of a subnet (an IP prefix on a network).
public struct SubnetID: IntentIdentifier {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The id of a (distributed) router.
public struct RouterID: IntentIdentifier {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The id of a security group.
public struct SecurityGroupID: IntentIdentifier {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The id of a QoS policy.
public struct QoSPolicyID: IntentIdentifier {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The name of a compute node (usually its host name), unique in the cloud.
public struct NodeName: IntentIdentifier {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The VM a port belongs to: its libvirt domain name or UUID, whichever the control plane uses.
public struct VMID: IntentIdentifier {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}
