import Netlink
import Platform
import Synchronization

/// A ``NetlinkTransport`` in front of another that refuses the requests `refuses` picks with a
/// kernel error (errno and extack), as a driver or firmware failing at a chosen moment would.
final class FailingTransport: NetlinkTransport {
    let base: any NetlinkTransport
    private let rule: Mutex<(@Sendable (NetlinkMessage) -> Bool)?>
    let errno: Int32
    let extack: String

    init(_ base: any NetlinkTransport, errno: Int32, extack: String) {
        self.base = base
        self.errno = errno
        self.extack = extack
        rule = Mutex(nil)
    }

    /// Refuses from now on every request for which `refuses` is true (nil: none).
    func refuse(_ refuses: (@Sendable (NetlinkMessage) -> Bool)?) { rule.withLock { $0 = refuses } }

    var netlinkProtocol: NetlinkProtocol { base.netlinkProtocol }
    var families: [UInt16: GenericFamily] { base.families }
    func register(_ family: GenericFamily, id: UInt16) { base.register(family, id: id) }

    func request(_ message: NetlinkMessage) throws(NetlinkTransportError) -> NetlinkReply {
        if rule.withLock({ $0?(message) }) == true {
            throw .kernel(NetlinkErrorMessage(error: -errno, request: NetlinkHeader(length: 0, type: message.type, flags: message.flags, sequence: 0, portID: 0),
                                              extendedAck: [.message(extack)]))
        }
        return try base.request(message)
    }

    func dump(_ message: NetlinkMessage) throws(NetlinkTransportError) -> [NetlinkMessage] { try base.dump(message) }
}
