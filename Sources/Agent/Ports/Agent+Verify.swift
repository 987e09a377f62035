import ControlAPI
import EswitchModel
import Netlink
import Platform
import TCBackend

extension Agent {
    /// Checks that a plugged port is ready: its VF still has its representor (devlink, read now),
    /// its vDPA device exists, and every filter of its rules is installed (read back from the
    /// kernel now).
    /// - Throws: ``ControlFailure/Code/notFound`` when the port is not plugged,
    ///   ``ControlFailure/Code/unavailable`` naming what is missing.
    public func verify(_ port: PortID) throws(ControlFailure) -> PortAttachment {
        do throws(ControlFailure) {
            return try verifySteps(port)
        } catch {
            throw error.prefixed("verify \(port)")
        }
    }

    private func verifySteps(_ port: PortID) throws(ControlFailure) -> PortAttachment {
        try requireStarted()
        guard let record = bindings[port] else { throw ControlFailure(.notFound, "the port is not plugged") }
        if let vf = record.device.vf {
            guard let devlink else { throw ControlFailure(.unavailable, "devlink is not available") }
            let ports = try attempt("devlink ports of \(vf.pf)") { () throws(NetlinkTransportError) in try devlink.ports(of: vf.pf) }
            guard let rep = RepresentorMap(devlinkPorts: ports).vfs[vf.index] else {
                throw ControlFailure(.unavailable, "VF \(vf.address) has no representor")
            }
            guard rep == representor(of: record) else {
                throw ControlFailure(.unavailable, "VF \(vf.address)'s representor changed (now ifindex \(rep)); the next pass rebinds its rules")
            }
        }
        if let name = record.device.vdpaName {
            guard let vdpa else { throw ControlFailure(.unavailable, vdpaUnavailable) }
            let devices = try attempt("vdpa devices") { () throws(NetlinkTransportError) in try vdpa.devices() }
            guard devices.contains(where: { $0.name == name }) else { throw ControlFailure(.unavailable, "vDPA device \(name) does not exist") }
        }
        let expected = reconciler.installed.filters.filter { concerns($0.rule, port) }
        var missing = 0
        for device in Set(expected.map(\.location.device)).sorted() {
            let present = Set(try attempt("filters of device \(device)") { () throws(NetlinkTransportError) in try filters.filters(on: device) }
                .map { TCFilterLocation(of: $0) })
            missing += expected.filter { $0.location.device == device && !present.contains($0.location) }.count
        }
        if missing > 0 { throw ControlFailure(.unavailable, "\(missing) of its \(expected.count) filters are missing (the next pass puts them back)") }
        if let (rule, reason) = reconciler.failures.first(where: { concerns($0.key, port) }) {
            throw ControlFailure(.unavailable, "rule \(rule) is not installed: \(reason)")
        }
        return attachment(for: record)
    }
}
