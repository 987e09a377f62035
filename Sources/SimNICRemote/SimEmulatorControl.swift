import EswitchModel
import Foundation
import Platform

/// The client of the emulator's ``SimRemoteChannel/control`` channel: typed requests over one
/// connection, failures as the errno a sysfs access would give.
public final class SimEmulatorControl: Sendable {
    let connection: SimRemoteConnection

    /// - Parameter connection: a connection to the emulator (only this client uses it).
    public init(connection: SimRemoteConnection) { self.connection = connection }

    /// Sends `request` and returns the answer.
    /// - Throws: ``SimRemoteError``: the emulator's refusal (``SimControlResponse/failed(_:)``),
    ///   an unreachable emulator, or an answer that is not a ``SimControlResponse`` (EPROTO).
    public func call(_ request: SimControlRequest) throws(SimRemoteError) -> SimControlResponse {
        let payload: Data
        do {
            payload = try JSONEncoder().encode(request)
        } catch {
            throw SimRemoteError("encode control request \(request)", errno: .invalidArgument)
        }
        let datagrams = try connection.exchange(.control, port: 0, payload: Array(payload))
        guard datagrams.count == 1, let response = try? JSONDecoder().decode(SimControlResponse.self, from: Data(datagrams[0])) else {
            throw SimRemoteError("emulator's answer to \(request) is not a control response", errno: Errno(EPROTO))
        }
        if case .failed(let failure) = response { throw failure.error }
        return response
    }

    /// The emulator's description.
    /// - Throws: ``SimRemoteError`` when it cannot be asked.
    public func describe() throws(SimRemoteError) -> SimEmulatorDescription {
        guard case .description(let description) = try call(.describe) else { throw unexpected(.describe) }
        return description
    }

    /// A request answered with ``SimControlResponse/done``.
    func perform(_ request: SimControlRequest) throws(SimRemoteError) {
        guard case .done = try call(request) else { throw unexpected(request) }
    }

    func unexpected(_ request: SimControlRequest) -> SimRemoteError {
        SimRemoteError("emulator answered \(request) with another kind of response", errno: Errno(EPROTO))
    }
}

/// ``PCIDiscovery`` of an emulator process's PCI functions.
public struct SimRemotePCIDiscovery: PCIDiscovery {
    public let control: SimEmulatorControl

    public init(control: SimEmulatorControl) { self.control = control }

    public func devices() throws(PlatformError) -> [PCIDevice] {
        try platform { () throws(SimRemoteError) -> [PCIDevice] in
            guard case .devices(let devices) = try control.call(.pciDevices) else { throw control.unexpected(.pciDevices) }
            return devices
        }
    }
}

/// VF driver binding on an emulator process (what the sysfs unbind and probe writes do there):
/// unbinding an unbound VF, or binding a bound one, changes nothing.
public struct SimRemoteDriverBinding: Sendable {
    public let control: SimEmulatorControl

    public init(control: SimEmulatorControl) { self.control = control }

    /// Unbinds the VF at `vf` from its driver.
    /// - Throws: ``PlatformError`` with ENODEV when the host has no such VF.
    public func unbind(vf: PCIAddress) throws(PlatformError) {
        try platform { () throws(SimRemoteError) in try control.perform(.unbindVF(vf: vf)) }
    }

    /// Binds the VF at `vf` to its driver again.
    /// - Throws: ``PlatformError`` with ENODEV when the host has no such VF.
    public func bind(vf: PCIAddress) throws(PlatformError) {
        try platform { () throws(SimRemoteError) in try control.perform(.bindVF(vf: vf)) }
    }
}

/// Runs a control call and reports its failure as the Platform boundary does.
func platform<T>(_ body: () throws(SimRemoteError) -> T) throws(PlatformError) -> T {
    do throws(SimRemoteError) {
        return try body()
    } catch {
        throw error.platformError
    }
}
