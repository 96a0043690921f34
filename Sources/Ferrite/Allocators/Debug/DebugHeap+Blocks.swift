extension DebugHeap: HeapWalkable where Base: HeapWalkable & ~Copyable {
    /// The wrapped allocator's blocks; a used one's overhead includes the
    /// debug header and both guards. Quarantined blocks are still used in
    /// the wrapped allocator, and show as used.
    /// - Complexity: O(blocks).
    public func walkBlocks(_ body: (HeapBlock) -> Void) {
        let debugOverhead = Self.headerSize &+ 2 &* guardSize
        base.walkBlocks { block in
            var shown = block
            if block.kind == .used { shown.overhead = Swift.min(block.size, block.overhead &+ debugOverhead) }
            body(shown)
        }
    }
}
