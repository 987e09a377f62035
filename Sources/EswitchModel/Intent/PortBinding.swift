/// How a port's VM NIC is attached on its node.
public enum PortBinding: String, Hashable, Sendable, Comparable, IntentKeyword {
    /// An SR-IOV virtual function passed through to the VM; the data path is in the NIC.
    case vf
    /// A vDPA device backed by a VF: virtio in the guest, data path in the NIC.
    case vdpa
    /// A software port (tap/vhost-user) with no VF: every packet takes the software slow path.
    case software

    public static func < (a: PortBinding, b: PortBinding) -> Bool { a.rawValue < b.rawValue }
}
