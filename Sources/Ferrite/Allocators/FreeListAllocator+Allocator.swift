extension FreeListAllocator: Allocator {
    /// First fit: the lowest free block that can hold the request after
    /// alignment. The front gap left by an over-aligned request stays a free
    /// block (it is a whole number of units, so never too small to be one); a
    /// tail too small to be a block is given to the request.
    /// - Complexity: O(free blocks).
    public mutating func allocate(_ layout: Layout) throws(AllocatorError) -> UnsafeMutableRawPointer {
        let w = Self.word, u = Self.unit
        let align = UInt(layout.alignment)
        let over = align > u
        guard var need = Self.blockSize(forPayload: layout.size, overAligned: over) else {
            counters.failedAllocations &+= 1
            throw .outOfMemory
        }
        // SAFETY: every node reached from `freeHead` is a free block inside a
        // region (the list invariant), so its header, link and the bytes up to
        // its end are ours to read and split.
        var prev: UInt = 0, cur = freeHead
        while cur != 0 {
            let size = Self.size(cur), after = Self.next(cur)
            // Over-aligned: the payload moves up to the next multiple of `align`;
            // cur ≡ W (mod U) and align is a multiple of U, so the gap is too.
            let gap = over ? alignUp(cur &+ w, to: align) &- w &- cur : 0
            if gap < size && size &- gap >= need {
                var block = cur, owner = prev
                if gap != 0 {
                    Self.store(cur, gap)
                    block = cur &+ gap
                    owner = cur
                }
                let rest = size &- gap &- need
                if rest >= u {
                    let tail = block &+ need
                    Self.store(tail, rest)
                    Self.store(tail &+ w, after)
                    link(owner, to: tail)
                } else {
                    need &+= rest
                    link(owner, to: after)
                }
                Self.store(block, need | Self.usedBit | (over ? Self.trailerBit : 0))
                if over { Self.store(block &+ need &- w, align) }
                counters.recordAllocation(bytes: Int(need))
                let payload = UnsafeMutableRawPointer(bitPattern: block &+ w).unsafelyUnwrapped
                #if FERRITE_ASAN
                markUsable(block &+ w, count: UInt(bitPattern: usableSize(of: payload)))
                #endif
                return payload
            }
            prev = cur
            cur = after
        }
        counters.failedAllocations &+= 1
        throw .outOfMemory
    }

    /// The header of the live block at `pointer`, after the cheap checks: inside
    /// a region, unit-aligned, marked used, and no larger than its region; then
    /// `layout` must fit it (no larger than its usable size, an alignment that
    /// divides its address). Static for the reason `region(containing:)` is;
    /// always inlined, as the free path's calls to it would cost more than its checks.
    @inlinable @inline(__always)
    static func checkedBlock(_ pointer: UnsafeMutableRawPointer, _ layout: Layout, regionHead: UInt)
        throws(AllocatorError) -> (block: UInt, header: UInt)
    {
        let p = UInt(bitPattern: pointer)
        let block = p &- Self.word
        guard p & (Self.unit &- 1) == 0, let region = region(containing: block, regionHead: regionHead) else {
            throw .invalidPointer
        }
        let header = Self.load(block)
        guard header & Self.usedBit != 0 else { throw .doubleFree }
        let size = header & ~(Self.unit &- 1)
        guard size >= Self.unit, size <= region.sentinel &- block else { throw .invalidPointer }
        let overhead = header & Self.trailerBit != 0 ? 2 &* Self.word : Self.word
        guard UInt(bitPattern: layout.size) <= size &- overhead,
              p & UInt(bitPattern: layout.alignment &- 1) == 0 else { throw .layoutMismatch }
        return (block, header)
    }

    /// Frees the block, merging it with free neighbours. The header knows the
    /// size: `layout` is only checked.
    /// - Throws: `.invalidPointer` for a pointer outside every region, misaligned
    ///   or with an impossible header; `.doubleFree` for a block already free
    ///   (including one merged into a free neighbour since); `.layoutMismatch`
    ///   when `layout.size` exceeds the block's usable size or
    ///   `layout.alignment` does not divide its address.
    /// - Complexity: O(free blocks below the pointer).
    // Always inlined: -Osize otherwise calls it out of line from `free`, and
    // the call (saving and restoring registers) cost more than the layout check.
    @inline(__always)
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, layout: Layout) throws(AllocatorError) {
        let (block, header) = try Self.checkedBlock(pointer, layout, regionHead: regionHead)
        let size = header & ~(Self.unit &- 1)
        guard insertFree(block, size: size) else { throw .doubleFree }
        // ASan builds: the payload is free from here (the list's own words are
        // unpoisoned again whenever loadWord/storeWord touch them).
        markFreed(block &+ Self.word, count: size &- Self.word)
        counters.recordDeallocation(bytes: Int(size))
    }

    /// Shrinks in place (the tail becomes free), grows in place into a free
    /// right neighbour, or moves the block keeping its alignment.
    /// - Throws: as `deallocate` for a bad pointer (a freed block, merged or
    ///   not, is `.doubleFree`) or `oldLayout`, or `.outOfMemory`; the heap is
    ///   then unchanged.
    public mutating func reallocate(_ pointer: UnsafeMutableRawPointer, from oldLayout: Layout, toSize newSize: Int)
        throws(AllocatorError) -> UnsafeMutableRawPointer
    {
        let w = Self.word, u = Self.unit
        let (block, header) = try Self.checkedBlock(pointer, oldLayout, regionHead: regionHead)
        let over = header & Self.trailerBit != 0
        let flags = header & (Self.usedBit | Self.trailerBit)
        let size = header & ~(u &- 1)
        let align = over ? Self.load(block &+ size &- w) : u
        guard var need = Self.blockSize(forPayload: newSize, overAligned: over) else {
            counters.failedAllocations &+= 1
            throw .outOfMemory
        }
        if need <= size {
            let rest = size &- need
            if rest >= u {
                let tail = block &+ need
                markFreed(tail, count: rest)
                // The tail of a live block lies in no free block; if it does,
                // the block was freed already (its header is stale): refuse,
                // changing nothing (the bytes were free, and poisoned, before).
                guard insertFree(tail, size: rest) else { throw .doubleFree }
                Self.store(block, need | flags)
                counters.bytesInUse &-= Int(rest)
                counters.bytesFree &+= Int(rest)
            } else {
                need = size
            }
            if over { Self.store(block &+ need &- w, align) }
            return pointer
        }
        let right = block &+ size
        let rightHeader = Self.load(right)
        var prev: UInt = 0, cur: UInt = 0
        if rightHeader & Self.usedBit == 0, size &+ rightHeader >= need {
            // The right neighbour is free (a sentinel never is): find its link.
            cur = freeHead
            while cur != 0 && cur != right { prev = cur; cur = Self.next(cur) }
        }
        if cur == right && cur != 0 {
            let after = Self.next(right)
            let total = size &+ rightHeader
            let rest = total &- need
            if rest >= u {
                let tail = block &+ need
                Self.store(tail, rest)
                Self.store(tail &+ w, after)
                link(prev, to: tail)
            } else {
                need = total
                link(prev, to: after)
            }
            Self.store(block, need | flags)
            if over { Self.store(block &+ need &- w, align) }
            counters.bytesInUse &+= Int(need &- size)
            counters.bytesFree &-= Int(need &- size)
            counters.peakBytesInUse = Swift.max(counters.peakBytesInUse, counters.bytesInUse)
            #if FERRITE_ASAN
            markUsable(block &+ w, count: UInt(bitPattern: usableSize(of: pointer)))
            #endif
            return pointer
        }
        let fresh = try allocate(Layout(uncheckedSize: newSize, alignment: Int(align)))
        // SAFETY: both blocks are live and distinct; the old one holds at least
        // its usable size, the new one at least `newSize` (> usable size here).
        fresh.copyMemory(from: pointer, byteCount: usableSize(of: pointer))
        try deallocate(pointer, layout: oldLayout)
        return fresh
    }

    /// - Precondition: `pointer` is a live block of this allocator.
    public func usableSize(of pointer: UnsafeMutableRawPointer) -> Int {
        let header = Self.load(UInt(bitPattern: pointer) &- Self.word)
        let extra = header & Self.trailerBit != 0 ? 2 &* Self.word : Self.word
        return Int((header & ~(Self.unit &- 1)) &- extra)
    }

    /// The counters, with `largestAllocation` from a walk of the free list:
    /// first fit reaches every free block, so it is the largest one's payload.
    /// - Complexity: O(free blocks).
    public var statistics: HeapStatistics {
        var s = counters
        var cur = freeHead, largest: UInt = 0
        while cur != 0 { largest = Swift.max(largest, Self.size(cur)); cur = Self.next(cur) }
        // A request of `size` bytes (alignment up to a unit) needs a block of
        // size + W rounded up to a unit: the largest block serves size - W.
        s.largestAllocation = largest == 0 ? 0 : Int(largest &- Self.word)
        return s
    }
}
