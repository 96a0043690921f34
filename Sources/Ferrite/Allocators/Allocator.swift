/// What went wrong with an allocator call. Exhaustion (`outOfMemory`,
/// `limitReached`) is kept apart from a request the heap refuses as invalid.
public enum AllocatorError: Error, Equatable {
    /// No free block is large enough (the heap may still have free bytes).
    case outOfMemory
    /// The allocator's configured limit would be exceeded.
    case limitReached
    /// The pointer was never handed out by this allocator, or is not the start
    /// of a block (interior, foreign or misaligned).
    case invalidPointer
    /// The pointer names a block that is already free.
    case doubleFree
    /// The layout passed with a live block does not fit it (see
    /// `Allocator.deallocate`): freeing or resizing it with that layout would
    /// mean the caller and the heap disagree about the block.
    case layoutMismatch
}

/// The interface every Ferrite allocator implements.
///
/// Allocators own the memory of their regions and its bookkeeping, so they are
/// `~Copyable`: two copies of one heap's free list would hand out the same bytes
/// twice. All methods are statically dispatched when the allocator type is known
/// (the runtime heap picks one at build time), so there is no dynamic dispatch on
/// the hot path.
public protocol Allocator: ~Copyable {
    /// Returns a block of at least `layout.size` bytes aligned to `layout.alignment`.
    /// A zero-size request returns a distinct, freeable block.
    /// - Throws: `.outOfMemory` or `.limitReached`; the heap is unchanged.
    mutating func allocate(_ layout: Layout) throws(AllocatorError) -> UnsafeMutableRawPointer

    /// Returns a block to the heap.
    /// - Parameter layout: the layout it was allocated with, or `Layout.unknown`
    ///   when the caller does not know it (C's `free`). The heap reads the
    ///   block's size from its header; `layout` is only checked, in O(1) from
    ///   that header: it must fit the block, `layout.size <= usableSize(of:)`
    ///   and `layout.alignment` dividing the block's address (`DebugHeap`,
    ///   which records each block's layout, wants that very layout).
    /// - Throws: `.invalidPointer` or `.doubleFree` when the heap can tell,
    ///   then `.layoutMismatch` for a layout that does not fit; the heap is
    ///   unchanged in each case.
    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, layout: Layout) throws(AllocatorError)

    /// Resizes a block, in place when possible, else by allocate-copy-free. The
    /// block keeps the alignment it was allocated with.
    /// - Parameter oldLayout: checked as `deallocate` checks its layout.
    /// - Throws: `.outOfMemory`/`.limitReached` (the old block is untouched and
    ///   still owned by the caller), or `.invalidPointer`/`.doubleFree`/
    ///   `.layoutMismatch` (the heap is unchanged).
    mutating func reallocate(_ pointer: UnsafeMutableRawPointer, from oldLayout: Layout, toSize newSize: Int)
        throws(AllocatorError) -> UnsafeMutableRawPointer

    /// The number of bytes the caller may use at `pointer` (at least the size asked for).
    /// - Precondition: `pointer` is a live block of this allocator.
    func usableSize(of pointer: UnsafeMutableRawPointer) -> Int

    /// Counters kept as the heap runs; `largestAllocation` may be computed on demand.
    var statistics: HeapStatistics { get }

    /// Walks the whole heap and returns its first inconsistency, or nil.
    /// - Complexity: O(blocks).
    func validate() -> HeapViolation?
}
