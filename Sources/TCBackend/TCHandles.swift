/// Flower handles that stay the same across recompiles: each filter's handle comes from its rule's
/// cookie, so the same rule always asks for the same handle.
///
/// The base handle is the cookie's low 31 bits (0 becomes 1: handle 0 asks the kernel to choose).
/// Two filters wanting the same handle in one classifier instance (device, chain, priority,
/// protocol) are resolved by probing: the one that keeps a handle from the previous plan wins, then
/// filters in rule-id order, each taking the first free handle counting up from its base (wrapping
/// from 0x7fffffff to 1). With 31 bits and a few hundred filters per instance, collisions are rare;
/// when a rule that collided goes away, the survivor keeps its probed handle as long as the previous
/// plan is passed in.
public enum TCHandles {
    /// The largest handle used (31 bits, so handles never look negative in tools that print them
    /// signed).
    public static let maximum: UInt32 = 0x7FFF_FFFF

    /// The handle a rule's filters ask for first.
    public static func base(cookie: UInt64) -> UInt32 {
        let h = UInt32(truncatingIfNeeded: cookie) & maximum
        return h == 0 ? 1 : h
    }

    /// The handle after `h` in probe order.
    public static func next(after h: UInt32) -> UInt32 { h >= maximum ? 1 : h + 1 }
}

/// The handles taken in each classifier instance while a plan is built.
struct TCHandleAllocator {
    private var used: [TCTable: Set<UInt32>] = [:]

    /// Takes `handle` in `table` if it is free.
    mutating func claim(_ handle: UInt32, in table: TCTable) -> Bool {
        guard handle != 0, handle <= TCHandles.maximum else { return false }
        return used[table, default: []].insert(handle).inserted
    }

    /// The first free handle from `base` on, taken.
    mutating func allocate(base: UInt32, in table: TCTable) -> UInt32 {
        var h = base
        while !claim(h, in: table) { h = TCHandles.next(after: h) }
        return h
    }
}
