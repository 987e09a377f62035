#if canImport(Glibc)
import Glibc
#endif
import CEswitchShim
import Platform

/// The message vectors of recvmmsg/sendmmsg for one packet socket, allocated once and pointed at
/// the slots of each batch: one system call per batch, the kernel copying straight into (or out
/// of) the batch.
final class PacketMessageVectors {
    let capacity: Int
    /// `struct mmsghdr` array, laid out as glibc does (msg_hdr at 0, msg_len after it).
    private let messages: UnsafeMutableRawPointer
    private static let messageSize = eswitch_mmsghdr_size()
    private static let lengthOffset = eswitch_mmsghdr_len_offset()
    private let vectors: UnsafeMutablePointer<iovec>
    /// One PACKET_AUXDATA control message per receive.
    private let control: UnsafeMutableRawPointer
    private static let controlSize = 64

    init(capacity: Int) {
        self.capacity = capacity
        messages = .allocate(byteCount: capacity * Self.messageSize, alignment: 16)
        messages.initializeMemory(as: UInt8.self, repeating: 0, count: capacity * Self.messageSize)
        vectors = .allocate(capacity: capacity)
        vectors.initialize(repeating: iovec(), count: capacity)
        control = .allocate(byteCount: capacity * Self.controlSize, alignment: 16)
    }

    deinit {
        messages.deallocate()
        vectors.deallocate()
        control.deallocate()
    }

    /// Sets message `index` to one vector entry and the given control buffer.
    @inline(__always)
    private func setMessage(_ index: Int, control: UnsafeMutableRawPointer?, controlSize: Int) {
        let header = msghdr(msg_name: nil, msg_namelen: 0, msg_iov: vectors + index, msg_iovlen: 1,
                            msg_control: control, msg_controllen: controlSize, msg_flags: 0)
        (messages + index * Self.messageSize).storeBytes(of: header, as: msghdr.self)
        (messages + index * Self.messageSize + Self.lengthOffset).storeBytes(of: 0, as: UInt32.self)
    }

    @inline(__always)
    private func message(_ index: Int) -> (header: msghdr, length: Int) {
        let base = messages + index * Self.messageSize
        return (base.load(as: msghdr.self), Int(base.load(fromByteOffset: Self.lengthOffset, as: UInt32.self)))
    }

    /// recvmmsg into the free slots of `batch` (one call, MSG_DONTWAIT).
    ///
    /// - Returns: frames appended and how many of them were cut to the slot size.
    func receive(_ fd: Int32, into batch: PacketBatch, device: PacketDevice) throws(PacketPortError) -> (frames: Int, truncated: Int) {
        let free = min(capacity, batch.capacity - batch.count)
        guard free > 0 else { return (0, 0) }
        // The kernel writes into the slots the batch hands out next; they are recorded in order
        // (appendInPlace) once the lengths are known.
        for i in 0..<free {
            let slot = batch.freeSlot(i)
            vectors[i] = iovec(iov_base: slot.baseAddress, iov_len: slot.count)
            setMessage(i, control: control + i * Self.controlSize, controlSize: Self.controlSize)
        }
        let received: Int32
        do {
            received = try SystemCall.run("recvmmsg") { eswitch_recvmmsg(fd, messages, UInt32(free), Int32(MSG_DONTWAIT) | Int32(MSG_TRUNC)) }
        } catch {
            if error.errno == .resourceTemporarilyUnavailable { return (0, 0) }
            throw .systemCall(error, device: device.description)
        }
        var truncated = 0
        for i in 0..<Int(received) {
            let slot = batch.freeSlot(0)
            let (header, wire) = message(i)
            var flags: PacketFlags = []
            var length = min(wire, slot.count)
            if wire > slot.count { flags.insert(.truncated) }
            if let aux = Self.auxiliaryData(header) {
                if aux.tp_status & UInt32(TP_STATUS_CSUMNOTREADY) != 0 { flags.insert(.checksumPending) }
                if aux.tp_status & UInt32(TP_STATUS_VLAN_VALID) != 0 {
                    let tpid = aux.tp_status & UInt32(TP_STATUS_VLAN_TPID_VALID) != 0 ? aux.tp_vlan_tpid : 0x8100
                    let tagged = VLANTagReinsertion(tpid: tpid, tci: aux.tp_vlan_tci).insert(inPlace: slot, length: length)
                    length = tagged.length
                    if tagged.truncated { flags.insert(.truncated) }
                }
            }
            if flags.contains(.truncated) { truncated += 1 }
            try batch.appendInPlace { _ in (length, flags) }
        }
        return (Int(received), truncated)
    }

    /// sendmmsg of the frames of `batch` from `start` (one call, MSG_DONTWAIT).
    ///
    /// - Returns: how many the kernel took.
    func send(_ fd: Int32, _ batch: PacketBatch, from start: Int, device: PacketDevice) throws(PacketPortError) -> Int {
        let count = min(capacity, batch.count - start)
        guard count > 0 else { return 0 }
        for i in 0..<count {
            let frame = batch[start + i]
            vectors[i] = iovec(iov_base: UnsafeMutableRawPointer(mutating: frame.baseAddress), iov_len: frame.count)
            setMessage(i, control: nil, controlSize: 0)
        }
        do {
            return Int(try SystemCall.run("sendmmsg") { eswitch_sendmmsg(fd, messages, UInt32(count), Int32(MSG_DONTWAIT)) })
        } catch {
            switch error.errno {
            case .resourceTemporarilyUnavailable, .noBufferSpace: return 0
            default: throw .systemCall(error, device: device.description)
            }
        }
    }

    /// The tpacket_auxdata control message of a received frame.
    private static func auxiliaryData(_ header: msghdr) -> tpacket_auxdata? {
        guard let base = header.msg_control, header.msg_controllen >= MemoryLayout<cmsghdr>.size else { return nil }
        var offset = 0
        let headerSize = (MemoryLayout<cmsghdr>.size + 7) & ~7
        while offset + MemoryLayout<cmsghdr>.size <= header.msg_controllen {
            let message = (base + offset).loadUnaligned(as: cmsghdr.self)
            guard message.cmsg_len >= MemoryLayout<cmsghdr>.size else { return nil }
            if message.cmsg_level == SOL_PACKET, message.cmsg_type == PACKET_AUXDATA,
               Int(message.cmsg_len) >= headerSize + MemoryLayout<tpacket_auxdata>.size {
                return (base + offset + headerSize).loadUnaligned(as: tpacket_auxdata.self)
            }
            offset += (Int(message.cmsg_len) + 7) & ~7
        }
        return nil
    }
}
