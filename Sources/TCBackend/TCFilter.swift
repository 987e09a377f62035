import EswitchModel
import Netlink

/// One flower filter of the plan: which rule it realises, in which role, where, and the complete
/// filter message (handle, skip flags and cookies included).
public struct TCFilter: Hashable, Sendable {
    /// The rule the filter comes from.
    public var rule: RuleID
    /// The rule's ownership cookie, on every action.
    public var cookie: UInt64
    public var role: TCFilterRole
    public var location: TCFilterLocation
    /// The filter as sent in add and replace requests.
    public var message: FilterMessage

    public init(rule: RuleID, cookie: UInt64, role: TCFilterRole, location: TCFilterLocation, message: FilterMessage) {
        self.rule = rule
        self.cookie = cookie
        self.role = role
        self.location = location
        self.message = message
    }

    /// The identity that stays the same across recompiles while the rule, its role and its device do.
    public var key: TCFilterKey { TCFilterKey(rule: rule, role: role, device: location.device) }

    /// RTM_NEWTFILTER with NLM_F_EXCL|NLM_F_CREATE (`tc filter add`).
    public func addRequest(sequence: UInt32 = 0) -> NetlinkMessage { .addFilter(message, sequence: sequence) }

    /// RTM_NEWTFILTER with NLM_F_CREATE (`tc filter replace`): creates the filter or replaces the
    /// one with the same priority, protocol and handle.
    public func replaceRequest(sequence: UInt32 = 0) -> NetlinkMessage { .replaceFilter(message, sequence: sequence) }

    /// RTM_DELTFILTER naming the filter by its location.
    public func deleteRequest(sequence: UInt32 = 0) -> NetlinkMessage { location.deleteRequest(sequence: sequence) }
}
