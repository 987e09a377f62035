/// The flags of one operation in a controller reply (CTRL_ATTR_OP_FLAGS: GENL_ADMIN_PERM,
/// GENL_CMD_CAP_*), which say whether a command can do, dump, and needs privileges.
public struct GenericOperationFlags: OptionSet, Hashable, Sendable, Codable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let adminPermission = GenericOperationFlags(rawValue: GENL.adminPerm)
    public static let canDo = GenericOperationFlags(rawValue: GENL.cmdCapDo)
    public static let canDump = GenericOperationFlags(rawValue: GENL.cmdCapDump)
    public static let hasPolicy = GenericOperationFlags(rawValue: GENL.cmdCapHasPol)
    public static let namespaceAdminPermission = GenericOperationFlags(rawValue: GENL.unsAdminPerm)

    static let names: [(String, UInt64)] = [
        ("admin_perm", UInt64(GENL.adminPerm)), ("do", UInt64(GENL.cmdCapDo)), ("dump", UInt64(GENL.cmdCapDump)),
        ("haspol", UInt64(GENL.cmdCapHasPol)), ("uns_admin_perm", UInt64(GENL.unsAdminPerm)),
    ]

    public init(from decoder: Decoder) throws {
        rawValue = UInt32(try BitNames.decode(decoder, names: Self.names, width: 32))
    }
    public func encode(to encoder: Encoder) throws { try BitNames.encode(UInt64(rawValue), names: Self.names, to: encoder) }
}
