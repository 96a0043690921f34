extension TLSFAllocator: Allocator {
    /// Bytes a block needs for `size` payload bytes (plus a trailer if
    /// over-aligned), or nil if no heap could hold it.
    @inlinable @inline(__always)
    static func blockSize(forPayload size: Int, overAligned: Bool) -> UInt? {
        let extra = overAligned ? 2 &* word : word
        guard size >= 0, UInt(size) <= maximumBlock else { return nil }
        return Swift.max(minimumBlock, alignUp(UInt(size) &+ extra, to: unit))
    }

    /// Good fit in O(1): the head of the first non-empty list whose blocks are
    /// all large enough, split so the tail goes back on a list (in the head's
    /// place when it stays in the same class). An over-aligned request searches
    /// for room to align and gives the front gap back as a free block (so
    /// nothing is wasted but the search margin).
    /// - Complexity: O(1).
    public mutating func allocate(_ layout: Layout) throws(AllocatorError) -> UnsafeMutableRawPointer {
        let w = Self.word
        let align = UInt(layout.alignment)
        let over = align > Self.unit
        guard let need = Self.blockSize(forPayload: layout.size, overAligned: over) else {
            counters.failedAllocations &+= 1
            throw .outOfMemory
        }
        // Over-aligned: worst case the payload moves up by align - U, or by
        // U + align when the first gap would be too small to be a free block.
        let (search, overflow) = over ? need.addingReportingOverflow(align &+ Self.minimumBlock) : (need, false)
        let (found, list) = overflow ? (0, 0) : Self.findBlock(control, atLeast: search)
        guard found != 0 else {
            counters.failedAllocations &+= 1
            throw .outOfMemory
        }
        // SAFETY: `found` heads a list, and lists hold only free blocks lying
        // wholly inside a region (the `control` invariant), so every word from
        // `found` to its end, and the header just after it, is ours to rewrite.
        var block = found
        var size = loadWord(block) & ~Self.flagMask
        var previousFree: UInt = 0
        let rest = size &- need
        if !over && rest >= Self.minimumBlock {
            // The common case: split, the tail keeps the head's list slot if it can.
            let tail = block &+ need
            let tailList = Self.mapping(rest)
            if tailList == list {
                Self.replace(control, block, with: tail, list)
            } else {
                Self.remove(control, block, list)
                Self.insert(control, tail, tailList)
            }
            Self.makeFree(tail, size: rest, previousFree: false)
            storeWord(block, need)
            counters.bytesInUse &+= Int(need)
        } else {
            Self.remove(control, block, list)
            if over {
                let firstPayload = block &+ w
                var payload = alignUp(firstPayload, to: align)
                if payload != firstPayload && payload &- firstPayload < Self.minimumBlock { payload &+= align }
                let gap = payload &- firstPayload
                if gap != 0 {
                    // A free block's left neighbour is used: the gap's flag is clear.
                    Self.makeFree(block, size: gap, previousFree: false)
                    Self.insert(control, block, size: gap)
                    block &+= gap
                    size &-= gap
                    previousFree = Self.previousFreeBit
                }
            }
            var used = size
            if size &- need >= Self.minimumBlock {
                // The block after the tail keeps its previous-free flag: the tail is free.
                used = need
                Self.makeFree(block &+ need, size: size &- need, previousFree: false)
                Self.insert(control, block &+ need, size: size &- need)
            } else {
                storeWord(block &+ size, loadWord(block &+ size) & ~Self.previousFreeBit)
            }
            storeWord(block, used | previousFree | (over ? Self.trailerBit : 0))
            if over { storeWord(block &+ used &- w, align) }
            counters.bytesInUse &+= Int(used)
        }
        counters.liveAllocations &+= 1
        if counters.bytesInUse > counters.peakBytesInUse { counters.peakBytesInUse = counters.bytesInUse }
        let payload = UnsafeMutableRawPointer(bitPattern: block &+ w).unsafelyUnwrapped
        #if FERRITE_ASAN
        markUsable(block &+ w, count: UInt(bitPattern: usableSize(of: payload)))
        #endif
        return payload
    }

    /// The header of the live block at `pointer`, after the cheap checks:
    /// inside the heap's bounds, unit-aligned, not marked free, a plausible
    /// size, and a right neighbour that agrees the block is in use; then
    /// `layout` must fit it (no larger than its usable size, an alignment
    /// that divides its address).
    @inlinable @inline(__always)
    func checkedBlock(_ pointer: UnsafeMutableRawPointer, _ layout: Layout) throws(AllocatorError) -> (block: UInt, header: UInt) {
        let p = UInt(bitPattern: pointer)
        let block = p &- Self.word
        guard p & (Self.unit &- 1) == 0, block >= lowest, block < highest else { throw .invalidPointer }
        let header = loadWord(block)
        guard header & Self.freeBit == 0 else { throw .doubleFree }
        let size = header & ~Self.flagMask
        guard size >= Self.minimumBlock, size <= highest &- block,
              loadWord(block &+ size) & Self.previousFreeBit == 0 else { throw .invalidPointer }
        let overhead = header & Self.trailerBit != 0 ? 2 &* Self.word : Self.word
        guard UInt(bitPattern: layout.size) <= size &- overhead,
              p & UInt(bitPattern: layout.alignment &- 1) == 0 else { throw .layoutMismatch }
        return (block, header)
    }

    /// Frees the block and merges it with free neighbours on both sides,
    /// found through the boundary tags in O(1).
    /// - Throws: `.invalidPointer` for a pointer outside the heap, misaligned or
    ///   with an implausible header; `.doubleFree` for a block already free
    ///   (including one merged into a neighbour since); `.layoutMismatch` when
    ///   `layout.size` exceeds the block's usable size or `layout.alignment`
    ///   does not divide its address.
    /// - Complexity: O(1).
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, layout: Layout) throws(AllocatorError) {
        // SAFETY: checkedBlock established that the block lies inside the heap's
        // bounds with a plausible size; its neighbours' headers (and the
        // left neighbour's footer, when the flag says it is free) are then
        // words of our regions by the tiling invariant (`validate()`).
        let (block, header) = try checkedBlock(pointer, layout)
        let size = header & ~Self.flagMask
        // ASan builds: the payload is free from here (bookkeeping unpoisons its words).
        markFreed(block &+ Self.word, count: size &- Self.word)
        counters.bytesInUse &-= Int(size)
        counters.liveAllocations &-= 1
        let next = block &+ size
        let nextHeader = loadWord(next)
        var merged = size
        if nextHeader & Self.freeBit != 0 {
            let nextSize = nextHeader & ~Self.flagMask
            let nextList = Self.mapping(nextSize)
            merged &+= nextSize
            if header & Self.previousFreeBit == 0 {
                // Only the right neighbour is free: the merged block takes its
                // list slot if the class is unchanged. The block after keeps its
                // previous-free flag.
                let mergedList = Self.mapping(merged)
                if mergedList == nextList {
                    Self.replace(control, next, with: block, nextList)
                } else {
                    Self.remove(control, next, nextList)
                    Self.insert(control, block, mergedList)
                }
                Self.makeFree(block, size: merged, previousFree: false)
                return
            }
            Self.remove(control, next, nextList)
        } else {
            storeWord(next, nextHeader | Self.previousFreeBit)
        }
        if header & Self.previousFreeBit != 0 {
            // The left neighbour is free: it grows in place, and moves list only
            // if its class changes.
            let previousSize = loadWord(block &- Self.word)
            let previous = block &- previousSize
            let previousList = Self.mapping(previousSize)
            let mergedList = Self.mapping(previousSize &+ merged)
            if mergedList != previousList {
                Self.remove(control, previous, previousList)
                Self.insert(control, previous, mergedList)
            }
            Self.makeFree(previous, size: previousSize &+ merged, previousFree: false)
            // The old header now lies inside a free block: mark it free so a
            // second free of this pointer is caught.
            storeWord(block, header | Self.freeBit)
            return
        }
        Self.makeFree(block, size: merged, previousFree: false)
        Self.insert(control, block, size: merged)
    }

    /// Shrinks in place (the tail is freed and merged), grows in place into a
    /// free right neighbour, or moves the block keeping its alignment.
    /// - Throws: as `deallocate` for a bad pointer or `oldLayout`, or
    ///   `.outOfMemory`; the heap is then unchanged.
    /// - Complexity: O(1), plus the copy when the block moves.
    public mutating func reallocate(_ pointer: UnsafeMutableRawPointer, from oldLayout: Layout, toSize newSize: Int)
        throws(AllocatorError) -> UnsafeMutableRawPointer
    {
        let w = Self.word
        let (block, header) = try checkedBlock(pointer, oldLayout)
        let over = header & Self.trailerBit != 0
        let kept = header & (Self.previousFreeBit | Self.trailerBit)
        let size = header & ~Self.flagMask
        let align = over ? loadWord(block &+ size &- w) : Self.unit
        guard let need = Self.blockSize(forPayload: newSize, overAligned: over) else {
            counters.failedAllocations &+= 1
            throw .outOfMemory
        }
        let next = block &+ size
        let nextHeader = loadWord(next)
        var used = size
        if need <= size {
            if size &- need >= Self.minimumBlock {
                used = need
                markFreed(block &+ need, count: size &- need)
                var tailSize = size &- need
                if nextHeader & Self.freeBit != 0 {
                    Self.remove(control, next, size: nextHeader & ~Self.flagMask)
                    tailSize &+= nextHeader & ~Self.flagMask
                } else {
                    storeWord(next, nextHeader | Self.previousFreeBit)
                }
                Self.makeFree(block &+ need, size: tailSize, previousFree: false)
                Self.insert(control, block &+ need, size: tailSize)
                storeWord(block, used | kept)
                counters.bytesInUse &-= Int(size &- need)
            }
            if over { storeWord(block &+ used &- w, align) }
            return pointer
        }
        let nextSize = nextHeader & ~Self.flagMask
        if nextHeader & Self.freeBit != 0, size &+ nextSize >= need {
            Self.remove(control, next, size: nextSize)
            let total = size &+ nextSize
            if total &- need >= Self.minimumBlock {
                used = need
                Self.makeFree(block &+ need, size: total &- need, previousFree: false)
                Self.insert(control, block &+ need, size: total &- need)
            } else {
                used = total
                storeWord(block &+ total, loadWord(block &+ total) & ~Self.previousFreeBit)
            }
            storeWord(block, used | kept)
            if over { storeWord(block &+ used &- w, align) }
            #if FERRITE_ASAN
            markUsable(block &+ w, count: UInt(bitPattern: usableSize(of: pointer)))
            #endif
            counters.bytesInUse &+= Int(used &- size)
            counters.peakBytesInUse = Swift.max(counters.peakBytesInUse, counters.bytesInUse)
            return pointer
        }
        let fresh = try allocate(Layout(uncheckedSize: newSize, alignment: Int(align)))
        // SAFETY: both blocks are live and distinct; the old one holds its
        // usable size, the new one more than that (it did not fit in place).
        fresh.copyMemory(from: pointer, byteCount: usableSize(of: pointer))
        try deallocate(pointer, layout: oldLayout)
        return fresh
    }

    /// - Precondition: `pointer` is a live block of this allocator.
    public func usableSize(of pointer: UnsafeMutableRawPointer) -> Int {
        let header = loadWord(UInt(bitPattern: pointer) &- Self.word)
        let extra = header & Self.trailerBit != 0 ? 2 &* Self.word : Self.word
        return Int((header & ~Self.flagMask) &- extra)
    }

    /// The counters, with `largestAllocation` from the head of the highest
    /// non-empty list. That head's payload is what allocation can reach:
    /// a request whose block needs up to the class's lower bound finds the
    /// list by its search mapping, one up to the head's size through the
    /// look at its own class's head (see `findBlockBody`); a larger block
    /// further down the same list is out of O(1) reach, so not counted.
    /// - Complexity: O(1): two bit scans.
    public var statistics: HeapStatistics {
        var s = counters
        s.bytesFree = Int(capacity) &- counters.bytesInUse
        guard control != 0 else { return s }
        let flMap = loadWord(control)
        guard flMap != 0 else { return s }
        let fl = highestBitIndex(flMap)
        let sl = highestBitIndex(loadWord(Self.slBitmapAddress(control, fl)))
        let head = loadWord(Self.headAddress(control, fl &<< Self.slShift | sl))
        // A free block is at least `minimumBlock` (> W) bytes.
        s.largestAllocation = Int((loadWord(head) & ~Self.flagMask) &- Self.word)
        return s
    }
}
