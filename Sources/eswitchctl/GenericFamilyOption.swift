import ArgumentParser
import Netlink

/// `--family devlink=0x20`: a generic-netlink family id as the kernel assigned it.
struct GenericFamilyAssignment: ExpressibleByArgument {
    let family: GenericFamily
    let id: UInt16

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let family = GenericFamily(rawValue: parts[0]) else { return nil }
        let number = parts[1].hasPrefix("0x") ? UInt16(parts[1].dropFirst(2), radix: 16) : UInt16(parts[1])
        guard let id = number, id >= NLMSG.minType else { return nil }
        self.family = family
        self.id = id
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
