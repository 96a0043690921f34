extension FreeListAllocator {
    /// Walks every region block by block and the free list beside it.
    ///
    /// Checks: block sizes are whole units and tile each region up to its
    /// sentinel; no two free blocks touch; the free list visits exactly the free
    /// blocks of the walk, in address order; over-aligned blocks keep a power of
    /// two in their trailer; the counters equal the walk's totals.
    /// - Complexity: O(blocks).
    public func validate() -> HeapViolation? {
        let u = Self.unit, w = Self.word
        var expectedFree = freeHead
        var used = 0, usedBytes = 0, freeBytes = 0
        var r = regionHead, previousRegion: UInt = 0
        while r != 0 {
            if r <= previousRegion { return HeapViolation(.boundsBroken, at: r) }
            let first = r &+ 3 &* w, sentinel = Self.load(r &+ w)
            if Self.load(sentinel) != Self.usedBit { return HeapViolation(.blocksDoNotTileRegion, at: sentinel) }
            var block = first, previousFree = false
            while block < sentinel {
                let header = Self.load(block)
                let size = header & ~(u &- 1)
                if size < u || size > sentinel &- block { return HeapViolation(.badBlockSize, at: block, value: Int(bitPattern: size)) }
                if header & Self.usedBit != 0 {
                    used += 1
                    usedBytes += Int(size)
                    previousFree = false
                    if header & Self.trailerBit != 0, !isPowerOfTwo(Int(bitPattern: Self.load(block &+ size &- w))) {
                        return HeapViolation(.badBlockSize, at: block &+ size &- w)
                    }
                } else {
                    if previousFree { return HeapViolation(.adjacentFreeBlocks, at: block) }
                    if header & Self.trailerBit != 0 { return HeapViolation(.badBlockSize, at: block) }
                    if block != expectedFree { return HeapViolation(.freeListMismatch, at: block, value: Int(bitPattern: expectedFree)) }
                    let next = Self.next(block)
                    if next != 0 && next <= block { return HeapViolation(.freeListOutOfOrder, at: block, value: Int(bitPattern: next)) }
                    expectedFree = next
                    freeBytes += Int(size)
                    previousFree = true
                }
                block &+= size
            }
            if block != sentinel { return HeapViolation(.blocksDoNotTileRegion, at: block) }
            previousRegion = r
            r = Self.load(r)
        }
        if expectedFree != 0 { return HeapViolation(.freeListMismatch, at: expectedFree) }
        if used != counters.liveAllocations { return HeapViolation(.statisticsMismatch, at: 0, value: used) }
        if usedBytes != counters.bytesInUse { return HeapViolation(.statisticsMismatch, at: 0, value: usedBytes) }
        if freeBytes != counters.bytesFree { return HeapViolation(.statisticsMismatch, at: 0, value: freeBytes) }
        return nil
    }
}
