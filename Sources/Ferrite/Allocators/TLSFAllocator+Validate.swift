extension TLSFAllocator {
    /// Walks every region block by block, then every list.
    ///
    /// Checks: blocks are whole units of at least the minimum size and tile
    /// each region up to its sentinel; no two free blocks touch; each header's
    /// previous-free flag matches its left neighbour; free blocks carry a
    /// footer equal to their size; every list holds free blocks whose size
    /// maps to it, doubly linked consistently; a bitmap bit is set iff its list
    /// (or second-level map) is non-empty; the lists hold exactly the free
    /// blocks of the walk; the counters equal the walk's totals.
    /// - Complexity: O(blocks + lists).
    public func validate() -> HeapViolation? {
        let w = Self.word, u = Self.unit
        var used = 0, usedBytes = 0, freeBlocks = 0, freeBytes = 0
        var region = regionHead, previousRegion: UInt = 0
        while region != 0 {
            if region <= previousRegion { return HeapViolation(.boundsBroken, at: region) }
            let sentinel = loadWord(region &+ w)
            let blocksStart = region &+ 2 &* w &+ (region == control &- 2 &* w ? Self.controlSize : 0)
            var block = alignUp(blocksStart, to: u) &+ w
            var previousFree = false
            while block < sentinel {
                let header = loadWord(block)
                let size = header & ~Self.flagMask
                if size < Self.minimumBlock || size > sentinel &- block {
                    return HeapViolation(.badBlockSize, at: block, value: Int(bitPattern: size))
                }
                if (header & Self.previousFreeBit != 0) != previousFree {
                    return HeapViolation(.freeListMismatch, at: block, value: Int(bitPattern: header))
                }
                if header & Self.freeBit != 0 {
                    if previousFree { return HeapViolation(.adjacentFreeBlocks, at: block) }
                    if header & Self.trailerBit != 0 || loadWord(block &+ size &- w) != size {
                        return HeapViolation(.badBlockSize, at: block &+ size &- w, value: Int(bitPattern: size))
                    }
                    freeBlocks += 1
                    freeBytes += Int(size)
                    previousFree = true
                } else {
                    if header & Self.trailerBit != 0, !isPowerOfTwo(Int(bitPattern: loadWord(block &+ size &- w))) {
                        return HeapViolation(.badBlockSize, at: block &+ size &- w)
                    }
                    used += 1
                    usedBytes += Int(size)
                    previousFree = false
                }
                block &+= size
            }
            if block != sentinel { return HeapViolation(.blocksDoNotTileRegion, at: block) }
            if loadWord(sentinel) & ~Self.previousFreeBit != 0 || (loadWord(sentinel) & Self.previousFreeBit != 0) != previousFree {
                return HeapViolation(.blocksDoNotTileRegion, at: sentinel, value: Int(bitPattern: loadWord(sentinel)))
            }
            previousRegion = region
            region = loadWord(region)
        }
        if let violation = validateLists(expectedFreeBlocks: freeBlocks) { return violation }
        if used != counters.liveAllocations { return HeapViolation(.statisticsMismatch, at: 0, value: used) }
        if usedBytes != counters.bytesInUse { return HeapViolation(.statisticsMismatch, at: 0, value: usedBytes) }
        if freeBytes != Int(capacity) &- counters.bytesInUse { return HeapViolation(.statisticsMismatch, at: 0, value: freeBytes) }
        return nil
    }

    /// The list and bitmap half of `validate()`.
    func validateLists(expectedFreeBlocks: Int) -> HeapViolation? {
        guard control != 0 else {
            return expectedFreeBlocks == 0 ? nil : HeapViolation(.freeListMismatch, at: 0, value: expectedFreeBlocks)
        }
        let w = Self.word
        let flMap = loadWord(control)
        var listed = 0
        for fl in 0..<Self.flCount {
            let slMap = loadWord(Self.slBitmapAddress(control, fl))
            if (slMap != 0) != (flMap & (1 &<< UInt(fl)) != 0) {
                return HeapViolation(.bitmapMismatch, at: Self.slBitmapAddress(control, fl), value: Int(bitPattern: slMap))
            }
            for sl in 0..<Self.slCount {
                var block = loadWord(Self.headAddress(control, fl &<< Self.slShift | sl)), previous: UInt = 0
                if (block != 0) != (slMap & (1 &<< UInt(sl)) != 0) {
                    return HeapViolation(.bitmapMismatch, at: Self.headAddress(control, fl &<< Self.slShift | sl), value: Int(bitPattern: block))
                }
                while block != 0 {
                    if block < lowest || block >= highest { return HeapViolation(.boundsBroken, at: block) }
                    let header = loadWord(block)
                    if header & Self.freeBit == 0 { return HeapViolation(.freeListMismatch, at: block) }
                    if Self.mapping(header & ~Self.flagMask) != fl &<< Self.slShift | sl {
                        return HeapViolation(.wrongSizeClass, at: block, value: Int(bitPattern: header & ~Self.flagMask))
                    }
                    if loadWord(block &+ 2 &* w) != previous { return HeapViolation(.freeListOutOfOrder, at: block) }
                    listed += 1
                    if listed > expectedFreeBlocks { return HeapViolation(.freeListMismatch, at: block, value: listed) }
                    previous = block
                    block = loadWord(block &+ w)
                }
            }
        }
        if flMap >> UInt(Self.flCount) != 0 { return HeapViolation(.bitmapMismatch, at: control, value: Int(bitPattern: flMap)) }
        if listed != expectedFreeBlocks { return HeapViolation(.freeListMismatch, at: 0, value: listed) }
        return nil
    }
}
