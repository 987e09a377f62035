/// Changes to single entries of an intent: the form in which a control plane's typical edits (a
/// port added, removed or moved, a remote endpoint learnt, a security group rule added...) reach a
/// `ValidatedNetworkState`, which checks them against its tables and applies them in place
/// (`ValidatedNetworkState.apply(_:)`).
///
/// Each change names an entry by its identity (nodes by name, ports and security groups by id,
/// remote endpoints by network and MAC, floating IPs by external address): `new` replaces the
/// entry with that identity, or is added when there is none; a change without `new` removes it.
/// `old` is the entry the edit was made from (nil when adding); a change whose `old` is not the
/// current entry is still applied by identity, after a full validation.
public struct IntentEdit: Sendable, Hashable {
    /// One entry before and after.
    public struct Change<Entry: Hashable & Sendable>: Sendable, Hashable {
        public var old: Entry?
        public var new: Entry?
        public init(old: Entry?, new: Entry?) {
            self.old = old
            self.new = new
        }
    }

    public var nodes: [Change<RemoteNode>]
    public var ports: [Change<Port>]
    public var remoteEndpoints: [Change<RemoteEndpoint>]
    public var floatingIPs: [Change<FloatingIP>]
    public var securityGroups: [Change<SecurityGroup>]

    public init(
        nodes: [Change<RemoteNode>] = [], ports: [Change<Port>] = [], remoteEndpoints: [Change<RemoteEndpoint>] = [],
        floatingIPs: [Change<FloatingIP>] = [], securityGroups: [Change<SecurityGroup>] = []
    ) {
        self.nodes = nodes
        self.ports = ports
        self.remoteEndpoints = remoteEndpoints
        self.floatingIPs = floatingIPs
        self.securityGroups = securityGroups
    }

    /// True when it changes nothing.
    public var isEmpty: Bool {
        nodes.isEmpty && ports.isEmpty && remoteEndpoints.isEmpty && floatingIPs.isEmpty && securityGroups.isEmpty
    }

    /// The intent document after the edit, as a person editing the file would leave it: a
    /// replaced entry stays where it was, an added one goes to the end of its section, a removed
    /// one is taken out. Problem paths of a rejected edit refer to this document.
    public func applied(to state: NetworkState) -> NetworkState {
        var s = state
        Self.apply(nodes, to: &s.nodes) { $0.name == $1.name }
        Self.apply(ports, to: &s.ports) { $0.id == $1.id }
        Self.apply(remoteEndpoints, to: &s.remoteEndpoints) { $0.network == $1.network && $0.mac == $1.mac }
        Self.apply(floatingIPs, to: &s.floatingIPs) { $0.externalIP == $1.externalIP }
        Self.apply(securityGroups, to: &s.securityGroups) { $0.id == $1.id }
        return s
    }

    private static func apply<Entry>(_ changes: [Change<Entry>], to list: inout [Entry], sameIdentity: (Entry, Entry) -> Bool) {
        for change in changes {
            guard let key = change.new ?? change.old else { continue }
            if let i = list.firstIndex(where: { sameIdentity($0, key) }) {
                if let new = change.new { list[i] = new } else { list.remove(at: i) }
            } else if let new = change.new {
                list.append(new)
            }
        }
    }
}
