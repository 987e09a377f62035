import ControlAPI
import EswitchModel
import Netlink
import Platform

extension Agent {
    /// Detaches a port: removes its rules (and the rules that send to it), deletes its vDPA device,
    /// resets its VF and releases it. Unplugging a port that is not plugged succeeds (libvirt calls
    /// the hook for `stopped` and again for `release`).
    ///
    /// When its rules cannot be removed, or its vDPA device cannot be deleted, the port stays
    /// plugged with its rules and the call fails, so it can be retried.
    /// - Throws: ``ControlFailure/Code/unavailable`` when another domain holds the port or a plug
    ///   of it is in progress; `platform`/`timeout` as above.
    public func unplug(_ request: UnplugRequest) async throws(ControlFailure) {
        do throws(ControlFailure) {
            try await unplugSteps(request)
        } catch {
            logger.error("unplug failed", metadata: ["port": "\(request.port)", "domain": "\(request.domain)", "error": "\(error.message)"])
            throw error.prefixed("unplug \(request.port)")
        }
    }

    private func unplugSteps(_ request: UnplugRequest) async throws(ControlFailure) {
        try requireStarted()
        guard let record = bindings[request.port] else { return }
        guard record.domain == request.domain else { throw ControlFailure(.unavailable, "the port is held by domain \(record.domain)") }
        guard !busyPorts.contains(request.port) else { throw ControlFailure(.unavailable, "another plug or unplug of the port is in progress") }
        busyPorts.insert(request.port)
        defer { busyPorts.remove(request.port) }

        bindings[request.port] = nil
        let removal = runPass(full: false)
        if removal.failedDeletes > 0 {
            bindings[request.port] = record
            runPass(full: false)
            throw ControlFailure(.platform, "\(removal.failedDeletes) of its filters could not be deleted")
        }
        if let name = record.device.vdpaName, let vdpa {
            do throws(ControlFailure) {
                try await deviceCall("delete vDPA device \(name)") { () throws(NetlinkTransportError) in
                    do throws(NetlinkTransportError) {
                        try vdpa.delete(name)
                    } catch {
                        if error.errno != .noSuchDevice { throw error }  // gone already
                    }
                }
            } catch {
                bindings[request.port] = record
                runPass(full: false)
                throw error
            }
        }
        if let vf = record.device.vf {
            if let pfNetdev = nics[vf.pf]?.representors.uplink {
                let links = self.links
                do throws(ControlFailure) {
                    try await deviceCall("reset VF \(vf.address)") { () throws(NetlinkTransportError) in try links.resetVF(vf.index, onPF: pfNetdev) }
                } catch {
                    // The next plug of this VF configures it anyway; the VM is gone.
                    logger.warning("VF not reset", metadata: ["port": "\(request.port)", "vf": "\(vf.address)", "error": "\(error.message)"])
                }
            }
            allocator.release(vf.index, of: vf.pf)
        }
        logger.info("port unplugged", metadata: ["port": "\(request.port)", "domain": "\(request.domain)"])
    }
}
