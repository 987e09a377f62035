#if DPDK
#if canImport(Glibc)
import Glibc
#endif
import CDpdk
import Platform
import RteFlow

extension DPDKEnvironment {
    /// The ethdev port id of the device called `name` (a vdev such as `net_null0`, or a PCI
    /// address), from rte_eth_dev_get_port_by_name.
    /// - Throws: ``PlatformError/systemCall(_:)`` with ENODEV when there is no such port.
    public func ethernetPort(named name: String) throws(PlatformError) -> RteFlowPortID {
        var port: UInt16 = 0
        let result = rte_eth_dev_get_port_by_name(name, &port)
        guard result == 0 else {
            throw .systemCall(SystemCallError("rte_eth_dev_get_port_by_name(\(name))", errno: Errno(-result)))
        }
        return RteFlowPortID(port)
    }

    /// Asks the driver of `rule.port` whether it would create `rule` (rte_flow_validate), with the
    /// real C structures built from the model.
    /// - Throws: ``RteFlowDriverError`` with the errno, the error type, the item or action the
    ///   driver's cause points at, and its message, when the driver refuses.
    public func validate(_ rule: RteFlowRule) throws(RteFlowDriverError) {
        try validate(RteFlowCStructures(rule))
    }

    /// rte_flow_validate on structures already built (so a caller can inspect them too).
    public func validate(_ structures: RteFlowCStructures) throws(RteFlowDriverError) {
        var error = rte_flow_error()
        let result = rte_flow_validate(structures.rule.port.rawValue, structures.attributes,
                                       structures.items.baseAddress, structures.actions.baseAddress, &error)
        guard result != 0 else { return }
        throw RteFlowDriverError(function: "rte_flow_validate", errno: Errno(-result), type: RteFlowErrorType(error.type),
                                 location: structures.location(of: error.cause), message: error.message.map { String(cString: $0) })
    }
}
#endif
