import Netlink

/// Flower refuses a filter whose keys and masks equal another filter's in the same priority
/// (its hash table keyed by the masked key answers EEXIST). The emulator finds such a twin through
/// an order-insensitive 64-bit digest of the key attributes' wire bytes, and compares the keys
/// themselves only when a digest is already taken.
extension EmulatedHost {
    /// True for the attributes that are part of the match: not the flags, the in-hardware count,
    /// the action list or the class id.
    static func isMatchAttribute(_ attribute: FlowerAttribute) -> Bool {
        switch attribute {
        case .actions, .flags, .inHardwareCount, .classID: return false
        default: return true
        }
    }

    /// The digest of the match attributes of `options`: each attribute's encoding (header and
    /// payload, as ``attributeHash(_:)`` reads it) hashed on its own, the hashes summed, so that
    /// the order of the keys does not count and a key given twice does. A request read from the
    /// wire sums the same hashes over its own attribute bytes.
    static func matchDigest(_ options: FlowerOptions) -> UInt64 {
        var writer = NetlinkWriter(capacity: 256)
        var digest: UInt64 = 0
        for attribute in options.attributes where isMatchAttribute(attribute) {
            writer.reset()
            attribute.encode(into: &writer)
            digest &+= writer.withBytes { attributeHash($0) }
        }
        return digest
    }

    /// The hash of one attribute: its header and payload (nla_len bytes), not its padding.
    static func attributeHash(_ attribute: UnsafeRawBufferPointer) -> UInt64 {
        let length = Int(UInt16(littleEndian: attribute.loadUnaligned(as: UInt16.self)))
        return hashBytes(UnsafeRawBufferPointer(rebasing: attribute[0..<min(length, attribute.count)]))
    }

    /// A 64-bit hash of a few dozen bytes, eight at a time (multiply and fold, then SplitMix64's
    /// finaliser, Steele, Lea and Flood 2014).
    static func hashBytes(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }

    /// True when both option lists hold the same match attributes, whatever their order.
    static func sameMatch(_ a: FlowerOptions, _ b: FlowerOptions) -> Bool {
        let left = a.attributes.filter(isMatchAttribute), right = b.attributes.filter(isMatchAttribute)
        guard left.count == right.count else { return false }
        for attribute in left where left.filter({ $0 == attribute }).count != right.filter({ $0 == attribute }).count {
            return false
        }
        return true
    }
}

extension TCProto {
    /// The handle of another filter with the same match as `options`, if one is installed.
    /// The options are only decoded when the digest is already taken.
    func twin(of options: SimFilterOptions, digest: UInt64, handle: UInt32) -> UInt32? {
        if let holder = signatures[digest], holder != handle, let other = filters[holder],
           EmulatedHost.sameMatch(other.requestedOptions, options.flowerOptions) {
            return holder
        }
        for entry in digestCollisions where entry.digest == digest && entry.handle != handle {
            if let other = filters[entry.handle], EmulatedHost.sameMatch(other.requestedOptions, options.flowerOptions) { return entry.handle }
        }
        return nil
    }

    /// Records that filter `handle` has match digest `digest`.
    mutating func recordDigest(_ digest: UInt64, handle: UInt32) {
        if let holder = signatures[digest], holder != handle {
            digestCollisions.append(DigestHolder(digest: digest, handle: handle))
        } else {
            signatures[digest] = handle
        }
    }

    /// Forgets the digest of filter `handle` (leaving the priority); a colliding filter with the
    /// same digest takes its place.
    mutating func forgetDigest(_ digest: UInt64, handle: UInt32) {
        if signatures[digest] == handle {
            if let next = digestCollisions.firstIndex(where: { $0.digest == digest }) {
                signatures[digest] = digestCollisions.remove(at: next).handle
            } else {
                signatures[digest] = nil
            }
        } else {
            digestCollisions.removeAll { $0.digest == digest && $0.handle == handle }
        }
    }
}
