extension DebugHeap: HeapWalkable where Base: HeapWalkable & ~Copyable {
    /// The wrapped allocator's blocks; a used one's overhead includes the
    /// debug header, and its guard bytes are both guards (the block holding
    /// the quarantine ring is shown as it is). Quarantined blocks are still
    /// used in the wrapped allocator, and show as used.
    /// - Complexity: O(blocks).
    public func walkBlocks(_ body: (HeapBlock) -> Void) {
        let ring = UInt(bitPattern: quarantine)
        base.walkBlocks { block in
            var shown = block
            let holdsRing = ring >= block.address && ring < block.address &+ UInt(block.size)
            if block.kind == .used && !holdsRing {
                shown.overhead = Swift.min(block.size, block.overhead &+ Self.headerSize)
                shown.guardBytes = Swift.min(block.size &- shown.overhead, 2 &* guardSize)
            }
            body(shown)
        }
    }
}
