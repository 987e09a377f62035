#if DPDK
import CDpdk
import Platform

/// A rule the driver refused, as rte_flow reports it: the errno, the error type, where in the
/// rule the cause points, and the driver's message.
public struct RteFlowDriverError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The C function that failed (`rte_flow_validate`, `rte_flow_create`).
    public var function: String
    /// The negated return value (rte_errno): ENOSYS when the driver has no rte_flow at all,
    /// ENOTSUP for what it cannot do, EINVAL for what is malformed.
    public var errno: Errno
    /// `struct rte_flow_error`'s type (``RteFlowErrorType``).
    public var type: RteFlowErrorType
    public var location: RteFlowErrorLocation
    /// The driver's message, if it gave one.
    public var message: String?

    public init(function: String, errno: Errno, type: RteFlowErrorType, location: RteFlowErrorLocation, message: String?) {
        self.function = function
        self.errno = errno
        self.type = type
        self.location = location
        self.message = message
    }

    public var description: String {
        var text = "\(function): \(errno), \(type)"
        if location != .unlocated { text += " at \(location)" }
        if let message { text += ": \(message)" }
        return text
    }
}

/// `enum rte_flow_error_type` (DPDK 22.11 lib/ethdev/rte_flow.h): the kind of object an
/// rte_flow error's cause points to. Values come from the header's enumerators.
public struct RteFlowErrorType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    init(_ type: rte_flow_error_type) { rawValue = type.rawValue }

    public static let none = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_NONE)
    public static let unspecified = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_UNSPECIFIED)
    public static let handle = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_HANDLE)
    public static let attributeGroup = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_ATTR_GROUP)
    public static let attributePriority = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_ATTR_PRIORITY)
    public static let attributeIngress = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_ATTR_INGRESS)
    public static let attributeEgress = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_ATTR_EGRESS)
    public static let attributeTransfer = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_ATTR_TRANSFER)
    public static let attributes = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_ATTR)
    public static let itemCount = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_ITEM_NUM)
    public static let itemSpec = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_ITEM_SPEC)
    public static let itemLast = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_ITEM_LAST)
    public static let itemMask = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_ITEM_MASK)
    public static let item = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_ITEM)
    public static let actionCount = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_ACTION_NUM)
    public static let actionConf = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_ACTION_CONF)
    public static let action = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_ACTION)
    public static let state = RteFlowErrorType(RTE_FLOW_ERROR_TYPE_STATE)

    private static let names: [RteFlowErrorType: String] = [
        .none: "NONE", .unspecified: "UNSPECIFIED", .handle: "HANDLE", .attributeGroup: "ATTR_GROUP",
        .attributePriority: "ATTR_PRIORITY", .attributeIngress: "ATTR_INGRESS", .attributeEgress: "ATTR_EGRESS",
        .attributeTransfer: "ATTR_TRANSFER", .attributes: "ATTR", .itemCount: "ITEM_NUM", .itemSpec: "ITEM_SPEC",
        .itemLast: "ITEM_LAST", .itemMask: "ITEM_MASK", .item: "ITEM", .actionCount: "ACTION_NUM",
        .actionConf: "ACTION_CONF", .action: "ACTION", .state: "STATE",
    ]

    /// `RTE_FLOW_ERROR_TYPE_` + the C name, or the number for values 22.11 does not define.
    public var description: String {
        Self.names[self].map { "RTE_FLOW_ERROR_TYPE_\($0)" } ?? "rte_flow error type \(rawValue)"
    }
}
#endif
