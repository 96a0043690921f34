/// The first inconsistency `validate()` found in a heap: which rule broke, where,
/// and the value found there. Printable without allocating (see `describe`).
public struct HeapViolation: Equatable, Sendable {
    public enum Rule: Equatable, Sendable {
        /// The blocks of a region do not tile it exactly.
        case blocksDoNotTileRegion
        /// A block header holds an impossible size.
        case badBlockSize
        /// Two free blocks sit next to each other (coalescing was missed).
        case adjacentFreeBlocks
        /// The free list is not in address order, or points outside the heap.
        case freeListOutOfOrder
        /// A free block on the list is not marked free, or the reverse.
        case freeListMismatch
        /// A free block sits on a list its size does not map to.
        case wrongSizeClass
        /// A bitmap bit disagrees with its list.
        case bitmapMismatch
        /// The counters disagree with the walk.
        case statisticsMismatch
        /// The allocator's own pointers are outside its region.
        case boundsBroken
        /// A debug heap block's header was overwritten.
        case debugHeaderDamaged
        /// A debug heap block's guard bytes changed (`value`: how many).
        case guardDamaged
        /// A quarantined block's poison changed (`value`: how many bytes).
        case poisonDamaged
    }

    public var rule: Rule
    /// The address where the rule broke (a block or header), or 0.
    public var address: UInt
    /// The offending value (a size, a count), or 0.
    public var value: Int

    public init(_ rule: Rule, at address: UInt, value: Int = 0) {
        self.rule = rule
        self.address = address
        self.value = value
    }

    /// A short fixed name for the rule, for reports.
    public var ruleName: StaticString {
        switch rule {
        case .blocksDoNotTileRegion: "blocks do not tile region"
        case .badBlockSize: "bad block size"
        case .adjacentFreeBlocks: "adjacent free blocks"
        case .freeListOutOfOrder: "free list out of order"
        case .freeListMismatch: "free list mismatch"
        case .wrongSizeClass: "free block on wrong list"
        case .bitmapMismatch: "bitmap disagrees with list"
        case .statisticsMismatch: "statistics disagree with walk"
        case .boundsBroken: "pointer outside region"
        case .debugHeaderDamaged: "debug header overwritten"
        case .guardDamaged: "guard bytes overwritten"
        case .poisonDamaged: "freed block written"
        }
    }
}
