extension FrameEditor {
    /// Turns an Ethernet/IPv4 ARP request into the reply its target would send, in place:
    /// `ownerMAC` is at the requested address (RFC 826: the sender and target fields swap, the
    /// operation becomes 2). The reply goes back to the requester's hardware address.
    /// - Returns: false when the frame is not an ARP request.
    @inlinable
    public static func makeARPReply(_ frame: inout [UInt8], key: FlowKey, ownerMAC: UInt64) -> Bool {
        let arp = key.networkOffset
        guard key.networkType == 0x0806, key.arpOp == 1, arp >= 0, arp + 28 <= frame.count else { return false }
        frame.putMAC(key.arpSHA, at: key.innerOffset)
        frame.putMAC(ownerMAC, at: key.innerOffset + 6)
        frame.put16(2, at: arp + 6)
        frame.putMAC(ownerMAC, at: arp + 8)
        frame.put32(key.arpTIP, at: arp + 14)
        frame.putMAC(key.arpSHA, at: arp + 18)
        frame.put32(key.arpSIP, at: arp + 24)
        return true
    }
}
