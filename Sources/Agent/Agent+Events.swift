import ControlAPI
import EswitchModel
import Netlink
import Platform
import TCBackend

/// What one ``Agent/pollEvents(timeout:)`` did.
public enum EventPollOutcome: Hashable, Sendable {
    /// No notification arrived in time (or the agent has no event source).
    case quiet
    /// Notifications arrived; `repaired` says whether they showed drift and a full pass ran.
    case handled(notifications: Int, repaired: Bool)
    /// Notifications were lost (ENOBUFS) or the event socket failed: a full pass resynchronised.
    case resynchronised
}

extension Agent {
    /// Runs until the task is cancelled: handles kernel notifications as they arrive and runs a
    /// full pass every `interval` (drift the notifications missed). Never exits on a netlink error.
    public func runEventLoop(resyncEvery interval: Duration = .seconds(60)) async {
        var last = ContinuousClock.now
        while !Task.isCancelled {
            _ = await pollEvents(timeout: .milliseconds(500))
            if ContinuousClock.now - last >= interval {
                runPass(full: true)
                last = ContinuousClock.now
            }
        }
    }

    /// Waits up to `timeout` for notifications and acts on them: a filter of the agent's deleted
    /// behind its back, a qdisc or a managed device removed, or a filter with its cookie it did
    /// not install, lead to a full pass (which puts back or removes what differs); its own changes
    /// echoed back and other programs' filters are ignored. ENOBUFS (notifications dropped) or any
    /// other failure of the event socket leads to a full resynchronisation, never to an exit.
    public func pollEvents(timeout: Duration) async -> EventPollOutcome {
        guard let source = platform.events else {
            try? await Task.sleep(for: timeout)
            return .quiet
        }
        let received: Result<[NetlinkMessage], NetlinkTransportError>
        do {
            received = try await BlockingCall.run("event receive", timeout: timeout + .seconds(5)) {
                .success(Self.receiveBurst(from: source, timeout: timeout))
            }
        } catch {
            received = .failure(.timedOut)
        }
        switch received {
        case .failure(let error):
            logger.warning("notifications lost, resynchronising", metadata: ["error": "\(error)"])
            if error != .noBufferSpace { reconciler.counters.netlinkErrors += 1 }
            reconciler.counters.resyncs += 1
            refreshRepresentors()
            runPass(full: true)
            return .resynchronised
        case .success(let messages):
            guard !messages.isEmpty else { return .quiet }
            let installed = Set(reconciler.installed.filters.map(\.location))
            let devices = Set(managedDevices(extra: []))
            let drift = messages.contains { showsDrift($0, installed: installed, devices: devices) }
            if drift {
                if messages.contains(where: { $0.type == RTM.delLink }) { refreshRepresentors() }
                runPass(full: true)
            }
            return .handled(notifications: messages.count, repaired: drift)
        }
    }

    /// One wait for notifications, then whatever else is queued (up to 4096), so that a burst of
    /// notifications leads to one pass.
    static func receiveBurst(from source: any NetlinkEventSource, timeout: Duration) -> Result<[NetlinkMessage], NetlinkTransportError> {
        do throws(NetlinkTransportError) {
            var all = try source.receive(timeout: timeout)
            while !all.isEmpty, all.count < 4096 {
                let more = try source.receive(timeout: .zero)
                if more.isEmpty { break }
                all += more
            }
            return .success(all)
        } catch {
            return .failure(error)
        }
    }

    /// True for a notification that means the kernel no longer has what the agent installed.
    /// - Parameters:
    ///   - installed: where the agent's filters are.
    ///   - devices: the devices the agent manages.
    func showsDrift(_ message: NetlinkMessage, installed: Set<TCFilterLocation>, devices: Set<IfIndex>) -> Bool {
        switch (message.type, message.body) {
        case (RTM.delTFilter, .filter(let filter)):
            // Deleted: drift when the agent believes it is installed (its own deletes are not).
            return installed.contains(TCFilterLocation(of: filter))
        case (RTM.newTFilter, .filter(let filter)):
            // A filter with an ownership cookie the agent did not put there.
            guard TCOwnershipCookie.cookie(of: filter) != nil else { return false }
            return !installed.contains(TCFilterLocation(of: filter))
        case (RTM.delQdisc, .qdisc(let qdisc)):
            return devices.contains(qdisc.header.ifindex)
        case (RTM.delLink, .link(let link)):
            return devices.contains(link.ifindex)
        default:
            return false
        }
    }

    /// Reads the eswitch ports of every ready PF again (representors come and go with VFs and
    /// mode changes).
    func refreshRepresentors() {
        guard let devlink else { return }
        for (address, nic) in nics where nic.failure == nil {
            if let ports = try? devlink.ports(of: address) { nics[address]?.representors = RepresentorMap(devlinkPorts: ports) }
        }
    }
}
