extension BumpAllocator: HeapWalkable {
    /// The blocks from the arena's start to its top (freed ones that are not
    /// the most recent stay as stranded blocks), then the untouched rest as
    /// one free block.
    /// - Complexity: O(blocks).
    public func walkBlocks(_ body: (HeapBlock) -> Void) {
        let w = Self.wordSize
        forEachBlock(from: start) { payload, size, freed in
            body(HeapBlock(address: payload &- w, size: Int(w &+ size), kind: freed ? .stranded : .used,
                           overhead: Int(w)))
            return true
        }
        if ceiling > top { body(HeapBlock(address: top, size: Int(ceiling &- top), kind: .free, overhead: 0)) }
    }
}
