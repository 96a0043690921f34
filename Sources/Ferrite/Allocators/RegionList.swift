/// The regions of a multi-region allocator, kept as a list threaded through
/// the regions themselves: each region begins, at a `unit`-aligned address,
/// with a two-word descriptor `[next region][sentinel address]`.
/// Invariant (kept by `insert`): ascending address order.
@usableFromInline
enum RegionList {
    /// Where a caller's region can hold a descriptor: its first `unit`-aligned
    /// address, and one past its last byte.
    /// - Returns: nil when the region is empty, wraps around the address space,
    ///   or is too short to reach an aligned address.
    @inlinable
    static func bounds(of region: UnsafeMutableRawBufferPointer, unit: UInt) -> (descriptor: UInt, end: UInt)? {
        guard let base = region.baseAddress else { return nil }
        let lo = UInt(bitPattern: base)
        let (hi, overflow) = lo.addingReportingOverflow(UInt(region.count))
        let descriptor = alignUp(lo, to: unit)
        guard !overflow, descriptor >= lo, hi >= descriptor else { return nil }
        return (descriptor, hi)
    }

    /// Writes a descriptor and links it at its address-ordered place.
    /// - Precondition: `descriptor` and the word after it belong to a region
    ///   the allocator now owns, disjoint from those already listed.
    /// - Complexity: O(regions).
    @inlinable
    static func insert(_ descriptor: UInt, sentinel: UInt, into head: inout UInt) {
        var prev: UInt = 0, cur = head
        while cur != 0 && cur < descriptor { prev = cur; cur = loadWord(cur) }
        // SAFETY: the precondition; `prev` is a listed descriptor.
        storeWord(descriptor, cur)
        storeWord(descriptor &+ UInt(MemoryLayout<UInt>.size), sentinel)
        if prev == 0 { head = descriptor } else { storeWord(prev, descriptor) }
    }
}
