extension TLSFAllocator: HeapWalkable {
    /// Every block of every region, as `validate()` walks them.
    /// - Precondition: the heap is consistent (`validate()` is nil); a broken
    ///   heap may be walked out of its bounds.
    /// - Complexity: O(blocks).
    public func walkBlocks(_ body: (HeapBlock) -> Void) {
        let w = Self.word, u = Self.unit
        var region = regionHead
        while region != 0 {
            // SAFETY: the precondition: region, sentinel and block headers are
            // words of this heap's regions (the tiling invariant).
            let sentinel = loadWord(region &+ w)
            let blocksStart = region &+ 2 &* w &+ (region == control &- 2 &* w ? Self.controlSize : 0)
            var block = alignUp(blocksStart, to: u) &+ w
            while block < sentinel {
                let header = loadWord(block)
                let size = header & ~Self.flagMask
                guard size >= Self.minimumBlock, size <= sentinel &- block else { return }
                let free = header & Self.freeBit != 0
                let overhead = free ? 0 : Int(w) &* (header & Self.trailerBit != 0 ? 2 : 1)
                body(HeapBlock(address: block, size: Int(size), kind: free ? .free : .used, overhead: overhead))
                block &+= size
            }
            region = loadWord(region)
        }
    }
}
