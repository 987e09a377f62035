import EswitchModel

/// The entries of one intent section that differ between two states, paired by identity.
///
/// Both arrays are in the same canonical order (validated states are sorted), so a change of a
/// few entries leaves a long common prefix and suffix: only the middle is compared by key. An
/// untouched section costs one comparison (arrays that share storage compare equal at once).
struct SectionChanges<Entry: Equatable, Key: Hashable> {
    /// (old version, new version) for each changed key; nil on the side where it is absent.
    private(set) var pairs: [(old: Entry?, new: Entry?)] = []

    /// - Parameter same: compares two entries in place; the default compares their bytes first
    ///   (entries copied from one another are bitwise equal), then `==`.
    init(_ old: [Entry], _ new: [Entry], key: (Entry) -> Key, same: (UnsafePointer<Entry>, UnsafePointer<Entry>) -> Bool = Self.same) {
        // At once when both share storage (an untouched section); `==` would go on comparing
        // element by element (copying each) when they do not.
        if old.count == new.count, old.withUnsafeBufferPointer({ o in new.withUnsafeBufferPointer { $0.baseAddress == o.baseAddress } }) { return }
        // Through buffer pointers: elements are compared in place, never copied (a copy of a
        // port retains every string in it).
        let (prefix, suffix) = old.withUnsafeBufferPointer { o in
            new.withUnsafeBufferPointer { n in
                let common = Swift.min(o.count, n.count)
                guard common > 0, let a = o.baseAddress, let b = n.baseAddress else { return (0, 0) }
                var prefix = 0
                while prefix < common && same(a + prefix, b + prefix) { prefix += 1 }
                var suffix = 0
                while suffix < common - prefix && same(a + (o.count - 1 - suffix), b + (n.count - 1 - suffix)) { suffix += 1 }
                return (prefix, suffix)
            }
        }
        if prefix == old.count && prefix == new.count { return }
        let oldMiddle = old[prefix..<(old.count - suffix)], newMiddle = new[prefix..<(new.count - suffix)]
        if oldMiddle.count == 1 && newMiddle.count == 1, key(oldMiddle.first!) == key(newMiddle.first!) {
            pairs.append((oldMiddle.first!, newMiddle.first!))  // the usual case: one entry edited in place
            return
        }
        var oldByKey: [Key: Entry] = [:]
        oldByKey.reserveCapacity(oldMiddle.count)
        for entry in oldMiddle { oldByKey[key(entry)] = entry }
        for entry in newMiddle {
            if let previous = oldByKey.removeValue(forKey: key(entry)) {
                if previous != entry { pairs.append((previous, entry)) }
            } else {
                pairs.append((nil, entry))
            }
        }
        for entry in oldMiddle where oldByKey[key(entry)] != nil { pairs.append((entry, nil)) }
    }

    var isEmpty: Bool { pairs.isEmpty }

    /// Compares two entries where they are. Entries copied from one another are bitwise equal
    /// (same string storage, same array buffers), which settles it without a call; otherwise
    /// `==` decides (it copies both: the model's `==` is not inlinable).
    ///
    /// Bitwise equality implies equality for the intent's types (no floating-point fields).
    @inline(__always)
    static func same(_ a: UnsafePointer<Entry>, _ b: UnsafePointer<Entry>) -> Bool {
        bitwiseEqual(UnsafeRawPointer(a), UnsafeRawPointer(b), count: MemoryLayout<Entry>.size) || a.pointee == b.pointee
    }
}

/// Whether `count` bytes at `a` and `b` are the same (word by word).
@inline(__always)
func bitwiseEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
    var offset = 0
    while offset + 8 <= count {
        if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
        offset += 8
    }
    while offset < count {
        if a.load(fromByteOffset: offset, as: UInt8.self) != b.load(fromByteOffset: offset, as: UInt8.self) { return false }
        offset += 1
    }
    return true
}

extension Port {
    /// Whether two ports are equal, compared where they lie: ports are the largest section, and
    /// passing them to `==` would copy (and retain) every field. First the bytes of every field
    /// (word by word, the padding between fields masked out: copies need not preserve it): ports
    /// copied from one another match there. Then, if not, field by field.
    @inline(__always)
    static func same(_ a: UnsafePointer<Port>, _ b: UnsafePointer<Port>, fieldMasks masks: UnsafeBufferPointer<UInt64>) -> Bool {
        let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
        var difference: UInt64 = 0
        for (i, mask) in masks.enumerated() {
            difference |= (x.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self) ^ y.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) & mask
        }
        if difference == 0 { return true }
        return a.pointee.id.rawValue == b.pointee.id.rawValue && a.pointee.mac == b.pointee.mac
            && a.pointee.node.rawValue == b.pointee.node.rawValue && a.pointee.network.rawValue == b.pointee.network.rawValue
            && a.pointee.vm.rawValue == b.pointee.vm.rawValue && a.pointee.fixedIPs == b.pointee.fixedIPs
            && a.pointee.binding == b.pointee.binding && a.pointee.vlan?.rawValue == b.pointee.vlan?.rawValue
            && a.pointee.securityGroups == b.pointee.securityGroups && a.pointee.qosPolicy?.rawValue == b.pointee.qosPolicy?.rawValue
    }

    /// One mask per 8-byte word of a port's layout: ones over the bytes of its stored fields,
    /// zeros over padding (and past the end). Derived from the layout, not assumed.
    static let fieldMasks: [UInt64] = {
        var bytes = [UInt8](repeating: 0, count: (MemoryLayout<Port>.size + 7) / 8 * 8)
        func field<T>(_ path: KeyPath<Port, T>, _: T.Type) {
            let offset = MemoryLayout<Port>.offset(of: path)!
            for i in offset..<(offset + MemoryLayout<T>.size) { bytes[i] = 0xff }
        }
        field(\.id, PortID.self)
        field(\.vm, VMID.self)
        field(\.network, NetworkID.self)
        field(\.node, NodeName.self)
        field(\.mac, MACAddress.self)
        field(\.fixedIPs, [FixedIP].self)
        field(\.binding, PortBinding?.self)
        field(\.vlan, VLANID?.self)
        field(\.securityGroups, [SecurityGroupID].self)
        field(\.qosPolicy, QoSPolicyID?.self)
        // Little- or big-endian alike: a word's mask has the byte order of the bytes it covers.
        return stride(from: 0, to: bytes.count, by: 8).map { start in
            bytes[start..<(start + 8)].withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        }
    }()
}
