/// Why a rule has no testpmd text.
public enum RteFlowTestpmdError: Error, Hashable, Sendable, CustomStringConvertible {
    /// testpmd keeps one VXLAN encapsulation definition (set by `set vxlan...`), so one command
    /// line cannot carry two different VXLAN_ENCAP actions.
    case conflictingEncapsulations
    /// testpmd's command line buffer is RDLINE_BUF_SIZE (512) bytes (DPDK lib/cmdline/
    /// cmdline_private.h); a longer line is cut and fails to parse.
    case lineTooLong(length: Int, limit: Int)

    public var description: String {
        switch self {
        case .conflictingEncapsulations:
            return "testpmd: a rule with two different VXLAN_ENCAP definitions cannot be written (testpmd holds one)"
        case .lineTooLong(let length, let limit):
            return "testpmd: command of \(length) characters exceeds testpmd's line limit of \(limit)"
        }
    }
}
