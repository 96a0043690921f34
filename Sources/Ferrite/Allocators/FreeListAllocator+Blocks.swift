extension FreeListAllocator: HeapWalkable {
    /// Every block of every region, as `validate()` walks them.
    /// - Precondition: the heap is consistent (`validate()` is nil).
    /// - Complexity: O(blocks).
    public func walkBlocks(_ body: (HeapBlock) -> Void) {
        let u = Self.unit, w = Self.word
        var r = regionHead
        while r != 0 {
            // SAFETY: the precondition: the region links and headers are words
            // of this heap's regions.
            let sentinel = Self.load(r &+ w)
            var block = r &+ 3 &* w
            while block < sentinel {
                let header = Self.load(block)
                let size = header & ~(u &- 1)
                guard size >= u, size <= sentinel &- block else { return }
                let used = header & Self.usedBit != 0
                let overhead = used ? Int(w) &* (header & Self.trailerBit != 0 ? 2 : 1) : 0
                body(HeapBlock(address: block, size: Int(size), kind: used ? .used : .free, overhead: overhead))
                block &+= size
            }
            r = Self.load(r)
        }
    }
}
