/// A VM NIC on an overlay network, on this node or another one.
///
/// The intent lists ports of every node that this node must reach directly (a full list or only
/// the ones sharing networks with local ports); `binding` matters only on the port's own node.
public struct Port: Hashable, Sendable, Codable {
    public var id: PortID
    /// The VM the NIC belongs to (libvirt domain name or UUID).
    public var vm: VMID
    /// The network the port is attached to.
    public var network: NetworkID
    /// The node that hosts the VM.
    public var node: NodeName
    /// The NIC's MAC address (unicast, unique in its network).
    public var mac: MACAddress
    /// The port's addresses, each on a subnet of `network`.
    public var fixedIPs: [FixedIP]
    /// How the NIC is attached; required for ports on this node, ignored for others.
    public var binding: PortBinding?
    /// The VLAN of the VM's frames on this NIC, when the guest sends tagged traffic (nil: untagged).
    public var vlan: VLANID?
    /// The security groups that filter the port; none means ingress denied, egress allowed.
    public var securityGroups: [SecurityGroupID]
    /// The QoS policy that limits traffic the VM sends, if any.
    public var qosPolicy: QoSPolicyID?

    public init(
        id: PortID, vm: VMID, network: NetworkID, node: NodeName, mac: MACAddress, fixedIPs: [FixedIP] = [],
        binding: PortBinding? = nil, vlan: VLANID? = nil, securityGroups: [SecurityGroupID] = [], qosPolicy: QoSPolicyID? = nil
    ) {
        self.id = id
        self.vm = vm
        self.network = network
        self.node = node
        self.mac = mac
        self.fixedIPs = fixedIPs
        self.binding = binding
        self.vlan = vlan
        self.securityGroups = securityGroups
        self.qosPolicy = qosPolicy
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, vm, network, node, mac
        case fixedIPs = "fixed_ips"
        case binding, vlan
        case securityGroups = "security_groups"
        case qosPolicy = "qos_policy"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(PortID.self, forKey: .id)
        vm = try c.decode(VMID.self, forKey: .vm)
        network = try c.decode(NetworkID.self, forKey: .network)
        node = try c.decode(NodeName.self, forKey: .node)
        mac = try c.decode(MACAddress.self, forKey: .mac)
        fixedIPs = try c.decodeIfPresent([FixedIP].self, forKey: .fixedIPs) ?? []
        binding = try c.decodeIfPresent(PortBinding.self, forKey: .binding)
        vlan = try c.decodeIfPresent(VLANID.self, forKey: .vlan)
        securityGroups = try c.decodeIfPresent([SecurityGroupID].self, forKey: .securityGroups) ?? []
        qosPolicy = try c.decodeIfPresent(QoSPolicyID.self, forKey: .qosPolicy)
    }
}
