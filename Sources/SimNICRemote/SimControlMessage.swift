import EswitchModel
import Platform

/// A request on the emulator's ``SimRemoteChannel/control`` channel, for what the emulated sysfs
/// files do not offer. JSON, e.g. `{"unbindVF":{"vf":"0000:03:00.2"}}`.
public enum SimControlRequest: Hashable, Sendable, Codable {
    /// The emulator: its profile, process and PFs (answered with ``SimControlResponse/description(_:)``).
    case describe
    /// Every PCI function (``SimControlResponse/devices(_:)``), as discovery reads them.
    case pciDevices
    /// Unbinds a VF from its driver; an unbound VF stays as it is (``SimControlResponse/done``).
    case unbindVF(vf: PCIAddress)
    /// Binds a VF to its driver again (`echo VF > /sys/bus/pci/drivers_probe`); a bound VF stays
    /// as it is (``SimControlResponse/done``).
    case bindVF(vf: PCIAddress)
}

/// The answer to a ``SimControlRequest``.
public enum SimControlResponse: Hashable, Sendable, Codable {
    /// The answer to ``SimControlRequest/describe``.
    case description(SimEmulatorDescription)
    /// The answer to ``SimControlRequest/pciDevices``, ordered by address.
    case devices([PCIDevice])
    /// A change was made (or was not needed).
    case done
    /// The request failed as the sysfs write or read would: which file, which errno.
    case failed(SimControlFailure)
}

/// A refused control request: what failed and its errno (a sysfs write's, or EINVAL for a request
/// the emulator cannot read).
public struct SimControlFailure: Hashable, Sendable, Codable {
    public var operation: String
    public var errno: Int32

    public init(operation: String, errno: Errno) {
        self.operation = operation
        self.errno = errno.rawValue
    }

    /// As a ``SimRemoteError``.
    public var error: SimRemoteError { SimRemoteError(operation, errno: Errno(errno)) }
}

/// What an emulator process says about itself: enough to tell whether it is the host a caller
/// expects.
public struct SimEmulatorDescription: Hashable, Sendable, Codable {
    /// The hardware profile's id (`connectx-6dx`).
    public var profile: String
    /// The emulator's process id.
    public var pid: Int32
    /// The PFs of the emulated host.
    public var physicalFunctions: [PCIAddress]
    /// The emulator's command line (its host and backing options).
    public var arguments: [String]

    public init(profile: String, pid: Int32, physicalFunctions: [PCIAddress], arguments: [String]) {
        self.profile = profile
        self.pid = pid
        self.physicalFunctions = physicalFunctions
        self.arguments = arguments
    }

    /// The value following `option` on the command line (`--backing` -> `netns`), if given.
    public func argument(_ option: String) -> String? {
        guard let index = arguments.firstIndex(of: option), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }
}
