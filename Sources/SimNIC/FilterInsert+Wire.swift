import EswitchModel
import Netlink

/// Reading RTM_NEWTFILTER requests straight from their bytes, as the kernel parses attributes
/// into a table instead of building values: the insertion path of the emulator.
///
/// Only the plain shape agents and iproute2 send is read here (tcmsg, TCA_KIND "flower", an
/// optional TCA_CHAIN, TCA_OPTIONS with typed keys, flags and one action list); for anything else
/// the reader answers nil and the request goes through the typed decoder, which also gives every
/// malformed request its exact error. What it reads is what the typed decoder would read: key
/// attributes are recognised by a table taken from the codec (``FlowerKeyTable``), action lists are
/// decoded by the codec (remembered by their bytes), and the stored options are the request's own
/// bytes, decoded by the codec when read.
extension FilterInsert {
    /// Reads the message at `message` (header included); nil when it is not of the plain shape.
    init?(wire message: ArraySlice<UInt8>, actionLists: inout TCActionListMemo, facts: inout ActionFactsCache) {
        let start = message.startIndex
        guard message.count >= netlinkHeaderLength + TCMessageHeader.length else { return nil }
        var fields: WireFields?
        message.withUnsafeBytes { raw in fields = WireFields(raw) }
        guard let fields else { return nil }
        let actionBytes = message[(start + fields.actions.lowerBound)..<(start + fields.actions.upperBound)]
        let actions: [TCAction]
        if fields.actions.isEmpty && !fields.hasActionList {
            actions = []
        } else {
            guard let decoded = try? actionLists.actions(fromPayload: actionBytes) else { return nil }
            actions = decoded
        }
        let options = Array(message[(start + fields.options.lowerBound)..<(start + fields.options.upperBound)])
        self.init(ifindex: fields.ifindex, parent: fields.parent, priority: UInt16(truncatingIfNeeded: fields.info >> 16),
                  protocol: EtherType(UInt16(truncatingIfNeeded: fields.info).byteSwapped), handle: fields.handle,
                  kind: "flower", chain: fields.chain, options: .wire(options), flags: fields.flags,
                  actions: facts.facts(for: actions), keys: fields.keys, digest: fields.digest)
    }
}

/// The fields of a plain flower request, read in one walk over its bytes.
private struct WireFields {
    var ifindex = IfIndex(0)
    var handle: UInt32 = 0
    var parent = TCHandle(rawValue: 0)
    var info: UInt32 = 0
    var chain: UInt32?
    /// Byte ranges within the message.
    var options = 0..<0
    var actions = 0..<0
    var hasActionList = false
    var flags: FilterFlags = []
    var keys = KeyFacts()
    var digest: UInt64 = 0

    init?(_ raw: UnsafeRawBufferPointer) {
        let body = netlinkHeaderLength
        ifindex = IfIndex(Self.u32(raw, body + 4))
        handle = Self.u32(raw, body + 8)
        parent = TCHandle(rawValue: Self.u32(raw, body + 12))
        info = Self.u32(raw, body + 16)
        var sawKind = false, sawOptions = false
        var cursor = body + TCMessageHeader.length
        let end = raw.count
        while cursor < end {
            guard let (type, payload) = Self.attribute(raw, at: cursor, end: end) else { return nil }
            switch type {
            case TCA.kind where !sawKind && !sawOptions:
                guard payload.count == 7, memcmp(raw.baseAddress! + payload.lowerBound, "flower", 7) == 0 else { return nil }
                sawKind = true
            case TCA.chain where chain == nil && payload.count == 4:
                chain = Self.u32(raw, payload.lowerBound)
            case TCA.options where sawKind && !sawOptions:
                sawOptions = true
                options = payload
                guard readFlower(raw, payload) else { return nil }
            default:
                return nil
            }
            cursor = payload.lowerBound - NLA.headerLength + netlinkAlign(payload.count + NLA.headerLength)
        }
        guard sawOptions else { return nil }
    }

    /// Reads the flower attributes: typed keys, one TCA_FLOWER_FLAGS, one action list.
    private mutating func readFlower(_ raw: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        var sawFlags = false
        let table = FlowerKeyTable.shared
        var cursor = range.lowerBound
        while cursor < range.upperBound {
            guard let (type, payload) = Self.attribute(raw, at: cursor, end: range.upperBound) else { return false }
            let header = payload.lowerBound - NLA.headerLength
            switch type {
            case TCA_FLOWER.act where !hasActionList:
                hasActionList = true
                actions = payload
            case TCA_FLOWER.flags where !sawFlags && payload.count == 4:
                sawFlags = true
                flags = FilterFlags(rawValue: Self.u32(raw, payload.lowerBound))
            default:
                guard let entry = table.entry(for: type), entry.size == payload.count, entry.bit != 0 else { return false }
                keys.present |= entry.bit
                if entry.isMask, !Self.allOnes(raw, payload) { keys.partial = true }
                digest &+= EmulatedHost.attributeHash(UnsafeRawBufferPointer(rebasing: raw[header..<payload.upperBound]))
            }
            cursor = header + netlinkAlign(payload.count + NLA.headerLength)
        }
        return true
    }

    /// The raw type and payload range of the attribute at `cursor`; nil when its header is cut
    /// short or its length runs past `end`.
    @inline(__always)
    static func attribute(_ raw: UnsafeRawBufferPointer, at cursor: Int, end: Int) -> (UInt16, Range<Int>)? {
        guard end - cursor >= NLA.headerLength else { return nil }
        let word = u32(raw, cursor)
        let length = Int(word & 0xFFFF)
        guard length >= NLA.headerLength, length <= end - cursor else { return nil }
        return (UInt16(truncatingIfNeeded: word >> 16), (cursor + NLA.headerLength)..<(cursor + length))
    }

    @inline(__always)
    static func u32(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    static func allOnes(_ raw: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        for i in range where raw[i] != 0xFF { return false }
        return true
    }
}

/// The facts of the action lists seen lately, by list: the action-list memo hands back the same
/// list (the same storage) for the same bytes, so a list is recognised by its storage, and the
/// facts are worked out once per list.
struct ActionFactsCache {
    private var entries: [ActionListFacts] = []
    private var oldest = 0
    static let capacity = 16

    mutating func facts(for actions: [TCAction]) -> ActionListFacts {
        guard !actions.isEmpty else { return ActionListFacts(actions) }
        let identity = actions.withUnsafeBufferPointer { $0.baseAddress }
        // The entries hold their lists, so a storage address cannot be reused by another list
        // while it is here.
        for entry in entries where entry.actions.withUnsafeBufferPointer({ $0.baseAddress }) == identity { return entry }
        let facts = ActionListFacts(actions)
        if entries.count < Self.capacity {
            entries.append(facts)
        } else {
            entries[oldest] = facts
            oldest = (oldest + 1) % Self.capacity
        }
        return facts
    }
}

#if canImport(Glibc)
import Glibc
#endif
