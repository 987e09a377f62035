import EswitchModel
import Netlink
import Platform

extension SimNICEndpoint {
    /// rtnetlink: links, neighbours, qdiscs and filters; other types have no handler here
    /// (EOPNOTSUPP, as rtnetlink_rcv_msg answers for a type without doit/dumpit).
    static func routeRequest(_ message: NetlinkMessage, host: inout EmulatedHost) -> Outcome {
        let dump = message.flags.contains(.dump)
        switch message.body {
        case .link(let body):
            switch message.type {
            case RTM.getLink: return dump ? linkDump(body, host: host) : linkGet(body, host: host)
            case RTM.newLink, RTM.setLink: return linkChange(body, message: message, host: &host)
            case RTM.delLink: return linkDelete(body, host: &host)
            default: break
            }
        case .neighbour(let body):
            switch message.type {
            case RTM.newNeigh:
                return run { () throws(SimNICError) in
                    try host.addNeighbour(body, exclusive: message.flags.contains(.exclusive), create: message.flags.contains(.create))
                    return .done(echo: [NetlinkMessage(type: RTM.newNeigh, flags: [], body: .neighbour(body))])
                }
            case RTM.delNeigh:
                return run { () throws(SimNICError) in
                    try host.deleteNeighbour(body)
                    return .done()
                }
            case RTM.getNeigh:
                let entries = host.neighbourDump(family: body.family, ifindex: body.ifindex)
                let messages = entries.map { NetlinkMessage(type: RTM.newNeigh, flags: [], body: .neighbour($0.message)) }
                if dump { return .dump(messages) }
                guard let destination = body.destination, let hit = entries.first(where: { $0.message.destination == destination }) else {
                    return .failure(SimNICError(.noSuchFileOrDirectory))
                }
                return .reply([NetlinkMessage(type: RTM.newNeigh, flags: [], body: .neighbour(hit.message))])
            default: break
            }
        case .qdisc(let body):
            switch message.type {
            case RTM.newQdisc:
                return run { () throws(SimNICError) in
                    guard let kind = body.kind else { throw SimNICError(.invalidArgument, "Qdisc kind must be specified") }
                    try host.addQdisc(kind, on: body.header.ifindex, parent: body.header.parent,
                                      create: message.flags.contains(.create), exclusive: message.flags.contains(.exclusive))
                    let echo = host.qdiscs[body.header.ifindex].map { [NetlinkMessage(type: RTM.newQdisc, flags: [], body: .qdisc(host.qdiscMessage($0)))] } ?? []
                    return .done(echo: echo)
                }
            case RTM.delQdisc:
                return run { () throws(SimNICError) in
                    guard body.header.parent == .ingressQdiscParent else {
                        throw SimNICError(.noSuchFileOrDirectory, "Cannot find specified qdisc on specified device")
                    }
                    try host.deleteQdisc(on: body.header.ifindex, kind: body.kind)
                    return .done()
                }
            case RTM.getQdisc:
                let qdiscs = host.orderedQdiscs.filter { body.header.ifindex.rawValue == 0 || $0.ifindex == body.header.ifindex }
                let messages = qdiscs.map { NetlinkMessage(type: RTM.newQdisc, flags: [], body: .qdisc(host.qdiscMessage($0))) }
                if dump { return .dump(messages) }
                guard let first = messages.first else {
                    return .failure(SimNICError(.noSuchFileOrDirectory, "Cannot find specified qdisc on specified device"))
                }
                return .reply([first])
            default: break
            }
        case .filter(let body):
            switch message.type {
            case RTM.newTFilter: return filterAdd(body, message: message, host: &host)
            case RTM.delTFilter:
                return run { () throws(SimNICError) in
                    try host.deleteFilters(ifindex: body.header.ifindex, parent: body.header.parent, chain: body.chain ?? 0,
                                           priority: body.priority, protocol: body.protocol, handle: body.handle, kind: body.kind)
                    return .done()
                }
            case RTM.getTFilter:
                if dump {
                    guard let entries = try? host.filterDump(ifindex: body.header.ifindex, parent: body.header.parent, chain: body.chain) else {
                        return .dump([])
                    }
                    return .dump(entries.map { NetlinkMessage(type: RTM.newTFilter, flags: [], body: .filter(host.filterMessage($0))) })
                }
                return run { () throws(SimNICError) in
                    let filter = try host.filter(ifindex: body.header.ifindex, parent: body.header.parent, chain: body.chain ?? 0,
                                                 priority: body.priority, protocol: body.protocol, handle: body.handle, kind: body.kind)
                    return .reply([NetlinkMessage(type: RTM.newTFilter, flags: [], body: .filter(host.filterMessage(filter)))])
                }
            default: break
            }
        default:
            break
        }
        return .failure(SimNICError(.notSupported))
    }

    /// Runs a handler that throws the kernel's refusals.
    static func run(_ body: () throws(SimNICError) -> Outcome) -> Outcome {
        do throws(SimNICError) {
            return try body()
        } catch {
            return .failure(error)
        }
    }

    // MARK: Filters

    static func filterAdd(_ body: FilterMessage, message: NetlinkMessage, host: inout EmulatedHost) -> Outcome {
        run { () throws(SimNICError) in
            let result = try host.addFilter(body, create: message.flags.contains(.create), exclusive: message.flags.contains(.exclusive))
            // Built only when asked: this is the insertion hot path.
            guard message.flags.contains(.echo) else { return .done(warning: result.warning) }
            let echo = host.filter(result.id).map { [NetlinkMessage(type: RTM.newTFilter, flags: [], body: .filter(host.filterMessage($0)))] } ?? []
            return .done(echo: echo, warning: result.warning)
        }
    }

    // MARK: Links

    static func extMask(_ body: LinkMessage) -> LinkExtMask {
        for case .extMask(let mask) in body.attributes { return mask }
        return []
    }

    static func linkDump(_ body: LinkMessage, host: EmulatedHost) -> Outcome {
        let mask = extMask(body)
        return .dump(host.orderedLinks.map { NetlinkMessage(type: RTM.newLink, flags: [], body: .link(host.linkMessage($0, extMask: mask))) })
    }

    /// The link a request names: by index when not 0, else by IFLA_IFNAME or IFLA_ALT_IFNAME.
    static func target(_ body: LinkMessage, host: EmulatedHost) -> SimLink? {
        if body.ifindex.rawValue != 0 { return host.links[body.ifindex] }
        if let name = body.name { return host.link(named: name) }
        for case .altIfname(let name) in body.attributes { return host.link(named: name) }
        return nil
    }

    static func linkGet(_ body: LinkMessage, host: EmulatedHost) -> Outcome {
        guard body.ifindex.rawValue != 0 || body.name != nil || body.attributes.contains(where: { if case .altIfname = $0 { true } else { false } }) else {
            return .failure(SimNICError(.invalidArgument))
        }
        guard let link = target(body, host: host) else { return .failure(SimNICError(.noSuchDevice)) }
        return .reply([NetlinkMessage(type: RTM.newLink, flags: [], body: .link(host.linkMessage(link, extMask: extMask(body))))])
    }

    /// RTM_NEWLINK / RTM_SETLINK (net/core/rtnetlink.c rtnl_newlink / rtnl_setlink): change an
    /// existing link, or create a virtual one with NLM_F_CREATE.
    static func linkChange(_ body: LinkMessage, message: NetlinkMessage, host: inout EmulatedHost) -> Outcome {
        run { () throws(SimNICError) in
            let isNew = message.type == RTM.newLink
            guard let existing = target(body, host: host) else {
                guard isNew else { throw SimNICError(.noSuchDevice) }
                guard message.flags.contains(.create) else { throw SimNICError(.noSuchDevice) }
                guard let info = body.linkInfo, info.kind != nil else { throw SimNICError(.notSupported, "Unknown device type") }
                let index = try host.createLink(name: body.name, info: info, ifindex: body.ifindex.rawValue == 0 ? nil : body.ifindex,
                                                mtu: body.mtu, mac: body.mac, up: body.flags.contains(.up) && body.change.contains(.up))
                let echo = host.links[index].map { [NetlinkMessage(type: RTM.newLink, flags: [], body: .link(host.linkMessage($0)))] } ?? []
                return .done(echo: echo)
            }
            if isNew {
                if message.flags.contains(.exclusive) { throw SimNICError(.fileExists) }
                if message.flags.contains(.replace) { throw SimNICError(.notSupported) }
            }
            let index = existing.ifindex
            if let name = body.name, body.ifindex.rawValue != 0, name != existing.name { try host.renameLink(index, to: name) }
            if let mac = body.mac, mac != existing.mac {
                guard !mac.isMulticast else { throw SimNICError(.invalidArgument) }
                host.links[index]?.mac = mac
                host.events.append(.linkChanged(index))
            }
            if let mtu = body.mtu { try host.setMTU(index, mtu) }
            if let master = body.master { try host.setMaster(index, master) }
            if body.change.contains(.up) || (body.change.isEmpty && body.flags.contains(.up)) {
                try host.setLinkUp(index, body.flags.contains(.up))
            }
            for case .vfInfoList(let entries) in body.attributes {
                for entry in entries {
                    guard case .info(let info) = entry else { throw SimNICError(.invalidArgument) }
                    try host.configureVF(onPF: index, info)
                }
            }
            for case .ifalias(let alias) in body.attributes {
                host.links[index]?.alias = alias.isEmpty ? nil : alias
                host.events.append(.linkChanged(index))
            }
            return .done()
        }
    }

    static func linkDelete(_ body: LinkMessage, host: inout EmulatedHost) -> Outcome {
        run { () throws(SimNICError) in
            guard let link = target(body, host: host) else { throw SimNICError(.noSuchDevice) }
            try host.deleteLink(link.ifindex)
            return .done()
        }
    }
}
