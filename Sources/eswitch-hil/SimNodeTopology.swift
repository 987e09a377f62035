import EswitchModel
import Foundation
import Platform
import PlatformLinux
import SimNIC

/// The kernel devices and namespaces behind an emulated host's ports (`sim serve --backing
/// netns`): the node namespace, a VM namespace per VF with the VF's NIC `eth0`, and the underlay
/// namespace with each wire's far end. It remembers what it created so that ``tearDown()`` removes
/// exactly that.
final class SimNodeTopology {
    let node: NetworkNamespace
    let nodeName: String
    let backing: SimNICPortBacking
    private var createdNamespaces: [String] = []
    private var createdLinks: [InterfaceName] = []

    /// Creates (or reuses) the namespaces and creates the veths for every VF with a representor
    /// and, with an underlay, every PF's wire. Devices left by an emulator that did not stop
    /// cleanly are replaced.
    ///
    /// - Throws: ``SimCommandError`` naming the namespace or device that could not be made.
    init(host: EmulatedHost, options: SimBackingOptions) throws {
        guard let nodeName = options.nodeNetns else { throw SimCommandError("--backing netns needs --node-netns") }
        self.nodeName = nodeName
        var created: [String] = []
        func namespace(_ name: String) throws -> NetworkNamespace {
            do {
                if NetworkNamespace.exists(named: name) { return try NetworkNamespace.named(name) }
                let made = try NetworkNamespace.add(named: name)
                created.append(name)
                return made
            } catch {
                throw SimCommandError("network namespace \(name): \(error)")
            }
        }
        node = try namespace(nodeName)
        backing = SimNICPortBacking.standard(for: host, node: .named(nodeName), wires: options.underlayNetns != nil)
        createdNamespaces = created
        do {
            for pf in host.physicalFunctions {
                for vf in pf.vfs {
                    guard let index = vf.representor, let representor = host.links[index] else { continue }
                    let vm = try namespace(options.vmNetnsPrefix + representor.name)
                    let mac = vf.config.mac == .zero ? Self.defaultMAC(pf: pf.number, vf: vf.number) : vf.config.mac
                    try link(SimNICPortBacking.virtualFunctionDeviceName(representor: representor.name), peer: InterfaceName("eth0"),
                             in: vm, peerMAC: mac)
                }
                if let underlayName = options.underlayNetns {
                    let underlay = try namespace(underlayName)
                    try link(SimNICPortBacking.wireDeviceName(pf: pf.number), peer: InterfaceName(options.underlayPrefix + "pf\(pf.number)"),
                             in: underlay, peerMAC: nil)
                }
            }
        } catch {
            createdNamespaces = created
            tearDown()
            throw error
        }
        createdNamespaces = created
    }

    /// The MAC address a VM's NIC gets when its VF has none configured: locally administered,
    /// from the PF and VF numbers (02:00:5f:PF:VF).
    static func defaultMAC(pf: Int, vf: UInt32) -> MACAddress {
        MACAddress(0x02, 0x00, 0x5F, UInt8(truncatingIfNeeded: pf), UInt8(truncatingIfNeeded: vf >> 8), UInt8(truncatingIfNeeded: vf))
    }

    /// A veth `name` in the node namespace with `peer` in `other`; a leftover `name` is deleted first.
    private func link(_ name: InterfaceName, peer: InterfaceName, in other: NetworkNamespace, peerMAC: MACAddress?) throws {
        try? VethPair.delete(name, in: node)
        do {
            try VethPair.create(name, in: node, peer: peer, peerNamespace: other, peerMAC: peerMAC)
        } catch {
            throw SimCommandError("veth \(name) (peer \(peer)): \(error)")
        }
        createdLinks.append(name)
    }

    /// Deletes the veths made here and the namespaces created here (in reverse order).
    func tearDown() {
        for name in createdLinks.reversed() { try? VethPair.delete(name, in: node) }
        createdLinks.removeAll()
        for name in createdNamespaces.reversed() { try? NetworkNamespace.remove(named: name) }
        createdNamespaces.removeAll()
    }
}
