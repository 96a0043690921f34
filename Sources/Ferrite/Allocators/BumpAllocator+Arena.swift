extension BumpAllocator {
    /// A point to which an arena can be rolled back.
    public struct Checkpoint: Equatable, Sendable {
        @usableFromInline let top: UInt
    }

    /// Marks the current top of the arena. From here until a reset below it,
    /// the blocks before the checkpoint are no longer given back or resized in
    /// place at the top (a free marks them freed; their bytes return on a reset
    /// to an earlier checkpoint), so the checkpoint stays a block boundary.
    /// - Complexity: O(1).
    public mutating func checkpoint() -> Checkpoint {
        floor = top
        return Checkpoint(top: top)
    }

    /// Frees every block allocated since `checkpoint`, at once.
    ///
    /// Blocks allocated before the checkpoint stay live (freed ones among them
    /// stay stranded); statistics drop the released blocks that were still
    /// live. The checkpoint becomes the latest one again: later checkpoints
    /// are released.
    /// - Precondition: `checkpoint` came from this arena and no earlier reset
    ///   went below it (checked as far as O(1) allows: a checkpoint above the
    ///   latest one's top traps); no block allocated after it is used again.
    /// - Complexity: O(blocks released), to keep the statistics exact.
    public mutating func reset(to checkpoint: Checkpoint) {
        precondition(checkpoint.top >= start && checkpoint.top <= floor, "BumpAllocator.reset: checkpoint from another arena or already released")
        var releasedBytes = 0, releasedBlocks = 0
        forEachBlock(from: checkpoint.top) { _, body, freed in
            if !freed { releasedBytes += Int(Self.wordSize &+ body); releasedBlocks += 1 }
            return true
        }
        counters.bytesInUse &-= releasedBytes
        counters.liveAllocations &-= releasedBlocks
        top = checkpoint.top
        floor = checkpoint.top
    }

    /// Walks blocks from `position` to `top`, calling `body(payload, paddedSize, freed)`;
    /// stops early when it returns false. Returns the address where the walk ended.
    @discardableResult
    func forEachBlock(from position: UInt, _ body: (UInt, UInt, Bool) -> Bool) -> UInt {
        let w = Self.wordSize
        var q = position
        while q < top {
            // SAFETY: start <= q < top <= end and q is word-aligned.
            let word = UnsafePointer<UInt>(bitPattern: q).unsafelyUnwrapped.pointee
            if Self.isPadding(word) { q &+= w; continue }
            let size = Self.body(word)
            guard size <= top &- q &- w else { return q }
            guard body(q &+ w, size, word & Self.freedBit != 0) else { return q }
            q &+= w &+ size
        }
        return q
    }

    /// Walks the arena: headers tile `[start, top)` exactly and the counters
    /// agree with the live blocks found.
    /// - Complexity: O(blocks).
    public func validate() -> HeapViolation? {
        guard start <= floor, floor <= top, top <= ceiling, ceiling <= end else {
            return HeapViolation(.boundsBroken, at: top)
        }
        var live = 0, bytes = 0
        let stop = forEachBlock(from: start) { _, body, freed in
            if !freed { live += 1; bytes += Int(Self.wordSize &+ body) }
            return true
        }
        if stop != top { return HeapViolation(.blocksDoNotTileRegion, at: stop) }
        if live != counters.liveAllocations { return HeapViolation(.statisticsMismatch, at: start, value: live) }
        if bytes != counters.bytesInUse { return HeapViolation(.statisticsMismatch, at: start, value: bytes) }
        return nil
    }
}
