import EswitchModel
import Platform

/// Which kernel device stands for each port of an emulated host, so that frames from real Linux
/// stacks go through the emulated eswitch: a VF is the node-side end of a veth whose other end is
/// the VM's NIC (in the VM's network namespace), a PF's wire port is a veth into an underlay
/// namespace, and a representor is a TAP device carrying the representor's name, so that
/// tcpdump on it shows what went to software and a program writing into it reaches the
/// represented port.
///
/// The devices are reached only through a ``PacketPortFactory``; creating the veths and
/// namespaces is the caller's job (the executable or test that wires PlatformLinux in).
public struct SimNICPortBacking: Hashable, Sendable {
    /// The device backing each VF (`.virtualFunction`) and each PF's physical port (`.wire`).
    public var ports: [SimNICDataPlane.Port: PacketDevice]
    /// The device standing for each representor, by the emulated netdev's name (`pf0vf0`, and
    /// the PF netdev `pf0` for the uplink representor).
    public var representors: [InterfaceName: PacketDevice]

    public init(ports: [SimNICDataPlane.Port: PacketDevice] = [:], representors: [InterfaceName: PacketDevice] = [:]) {
        self.ports = ports
        self.representors = representors
    }

    /// The name of the node-side veth end backing a VF: `vf-` and the VF's representor name
    /// (`vf-pf0vf3`).
    public static func virtualFunctionDeviceName(representor: String) -> InterfaceName {
        InterfaceName("vf-" + representor)
    }

    /// The name of the node-side veth end backing PF `pf`'s physical port (`wire-pf0`).
    public static func wireDeviceName(pf: Int) -> InterfaceName {
        InterfaceName("wire-pf\(pf)")
    }

    /// The layout the emulator uses in a node namespace: every VF that has a representor is backed
    /// by ``virtualFunctionDeviceName(representor:)``, each PF's wire (when `wires` is true) by
    /// ``wireDeviceName(pf:)``, and every VF representor and PF netdev by a TAP device of the
    /// same name, all in `node`.
    public static func standard(for host: EmulatedHost, node: NetworkNamespacePath?, wires: Bool = true) -> SimNICPortBacking {
        var backing = SimNICPortBacking()
        for pf in host.physicalFunctions {
            if let netdev = host.links[pf.netdev] {
                let name = InterfaceName(netdev.name)
                backing.representors[name] = PacketDevice(name: name, namespace: node, kind: .tap)
                if wires {
                    backing.ports[.wire(pf: pf.number)] = PacketDevice(name: wireDeviceName(pf: pf.number), namespace: node)
                }
            }
            for vf in pf.vfs {
                guard let index = vf.representor, let representor = host.links[index] else { continue }
                let name = InterfaceName(representor.name)
                backing.representors[name] = PacketDevice(name: name, namespace: node, kind: .tap)
                backing.ports[.virtualFunction(pf: pf.number, vf: vf.number)] =
                    PacketDevice(name: virtualFunctionDeviceName(representor: representor.name), namespace: node)
            }
        }
        return backing
    }

    /// Problems with the devices named, one line each (names the kernel would refuse, one device
    /// backing two ports); empty when the backing can be opened.
    public var problems: [String] {
        var problems: [String] = []
        var seen: [PacketDevice: String] = [:]
        let entries = ports.map { ("\($0.key)", $0.value) } + representors.map { ("representor \($0.key)", $0.value) }
        for (what, device) in entries.sorted(by: { $0.0 < $1.0 }) {
            if let problem = device.name.problem { problems.append("\(what): \(problem)") }
            let identity = PacketDevice(name: device.name, namespace: device.namespace)
            if let other = seen[identity] { problems.append("\(what) and \(other) are both backed by \(device)") }
            seen[identity] = what
        }
        return problems
    }
}

extension SimNICDataPlane.Port: CustomStringConvertible {
    /// `vf pf0/3`, `wire pf0`.
    public var description: String {
        switch self {
        case .virtualFunction(let pf, let vf): return "vf pf\(pf)/\(vf)"
        case .wire(let pf): return "wire pf\(pf)"
        }
    }
}
