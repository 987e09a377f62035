#if canImport(Glibc)
import Glibc
#endif
import EswitchModel
import Foundation
import Netlink
import Platform
import SimNIC
import Synchronization

/// The emulator's side of the channels this module adds (``SimRemoteChannel/control`` and
/// ``SimRemoteChannel/events``), on the endpoint the emulator serves. The emulator's connection
/// loop answers the netlink channels itself and hands these frames here.
public struct SimRemoteServer: Sendable {
    public let endpoint: SimNICEndpoint
    /// Notification datagrams an event connection holds before it drops them and tells the client
    /// (ENOBUFS), as a netlink socket's receive buffer does.
    public let eventCapacity: Int

    /// - Parameters:
    ///   - endpoint: the emulated kernel the emulator serves.
    ///   - eventCapacity: the queue of each event connection, in datagrams.
    public init(endpoint: SimNICEndpoint, eventCapacity: Int = 4096) {
        self.endpoint = endpoint
        self.eventCapacity = eventCapacity
    }

    /// Serves one frame of an extension channel that arrived on `fd`.
    ///
    /// - Parameters:
    ///   - channel: the frame's channel number.
    ///   - payload: the frame's payload.
    ///   - fd: the connection; a control frame is answered on it, an events frame turns it into a
    ///     notification stream served until the client goes away.
    /// - Returns: false when the connection is finished (the caller closes it).
    public func serve(channel: UInt32, payload: [UInt8], on fd: Int32) -> Bool {
        switch SimRemoteChannel(rawValue: channel) {
        case .control:
            let response = answer(payload)
            let data = (try? JSONEncoder().encode(response)) ?? Data()
            return (try? SimRemoteSocket.write(fd, SimRemoteFrame.reply([Array(data)]))) != nil
        case .events:
            streamEvents(first: payload, on: fd)
            return false
        case .netlinkRoute, .netlinkGeneric, .sysfs, nil:
            return false
        }
    }

    /// The answer to a control payload (a JSON ``SimControlRequest``).
    public func answer(_ payload: [UInt8]) -> SimControlResponse {
        guard let request = try? JSONDecoder().decode(SimControlRequest.self, from: Data(payload)) else {
            let text = String(decoding: payload.prefix(80), as: UTF8.self)
            return .failed(SimControlFailure(operation: "control request '\(text)' is not a SimControlRequest", errno: .invalidArgument))
        }
        return answer(request)
    }

    /// The answer to a control request, from the emulated host.
    public func answer(_ request: SimControlRequest) -> SimControlResponse {
        do throws(PlatformError) {
            switch request {
            case .describe:
                let host = endpoint.host
                return .description(SimEmulatorDescription(profile: host.profile.id.rawValue, pid: getpid(),
                                                           physicalFunctions: host.physicalFunctions.map(\.address),
                                                           arguments: Array(CommandLine.arguments.dropFirst())))
            case .pciDevices:
                return .devices(try SimPCIDiscovery(endpoint: endpoint).devices())
            case .unbindVF(let vf):
                try SimEndpointDriverBinding(endpoint: endpoint).unbind(vf: vf)
                return .done
            case .bindVF(let vf):
                try SimEndpointDriverBinding(endpoint: endpoint).bind(vf: vf)
                return .done
            }
        } catch {
            switch error {
            case .systemCall(let call): return .failed(SimControlFailure(operation: call.function, errno: call.errno))
            default: return .failed(SimControlFailure(operation: "\(request): \(error)", errno: .ioError))
            }
        }
    }

    /// Relays the notifications of the joined groups to `fd` until the client closes it. This
    /// thread reads the client's join/leave frames and answers each once it is in force; a second
    /// one writes the notifications. Writes are serialised, so frames never interleave.
    func streamEvents(first payload: [UInt8], on fd: Int32) {
        let source = SimNetlinkEventSource(endpoint: endpoint, capacity: eventCapacity)
        let writes = NSLock()
        @Sendable func send(_ frame: [UInt8]) -> Bool {
            writes.withLock { (try? SimRemoteSocket.write(fd, frame)) != nil }
        }
        guard (try? subscribe(source, payload)) != nil, send(SimRemoteFrame.reply([])) else { return }
        let stopped = Atomic<Bool>(false)
        let writerDone = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            defer { writerDone.signal() }
            while !stopped.load(ordering: .relaxed) {
                let frame: [UInt8]
                do throws(NetlinkTransportError) {
                    let messages = try source.receive(timeout: .milliseconds(200))
                    if messages.isEmpty { continue }
                    frame = SimRemoteFrame.reply(messages.map { $0.encoded() })
                } catch .noBufferSpace {
                    frame = SimRemoteFrame.overflow
                } catch {
                    return
                }
                guard send(frame) else { return }
            }
        }
        while let request = try? SimRemoteSocket.readRequest(fd), request.channel == SimRemoteChannel.events.rawValue,
              (try? subscribe(source, request.payload)) != nil, send(SimRemoteFrame.reply([])) {}
        stopped.store(true, ordering: .relaxed)
        // Unblocks a writer stuck on a full socket; the descriptor stays open until it is done.
        shutdown(fd, Int32(SHUT_RDWR))
        writerDone.wait()
    }

    private func subscribe(_ source: SimNetlinkEventSource, _ payload: [UInt8]) throws {
        let change = try SimEventSubscription(payload: payload)
        switch change.operation {
        case .join: try source.join(group: change.group)
        case .leave: try source.leave(group: change.group)
        }
    }
}

/// VF driver binding on an in-process endpoint (what the sysfs unbind and probe writes do on the
/// emulated host), with the errno a sysfs write gives.
public struct SimEndpointDriverBinding: Sendable {
    public let endpoint: SimNICEndpoint

    public init(endpoint: SimNICEndpoint) { self.endpoint = endpoint }

    /// Unbinds the VF at `vf` from its driver.
    /// - Throws: ``PlatformError`` with ENODEV when the host has no such VF.
    public func unbind(vf: PCIAddress) throws(PlatformError) {
        do throws(SimNICError) {
            try endpoint.withHost { host throws(SimNICError) in try host.unbindVF(at: vf) }
        } catch {
            throw .systemCall(SystemCallError("write /sys/bus/pci/devices/\(vf)/driver/unbind", errno: error.errno))
        }
    }

    /// Binds the VF at `vf` to its driver again.
    /// - Throws: ``PlatformError`` with ENODEV when the host has no such VF.
    public func bind(vf: PCIAddress) throws(PlatformError) {
        do throws(SimNICError) {
            try endpoint.withHost { host throws(SimNICError) in try host.bindVF(at: vf) }
        } catch {
            throw .systemCall(SystemCallError("write /sys/bus/pci/drivers_probe \(vf)", errno: error.errno))
        }
    }
}
