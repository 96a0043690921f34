/// An address-ordered, first-fit free-list allocator: the small, readable one.
///
/// Memory layout (W = word size, U = 2W = the block unit and the default
/// payload alignment):
///
///     region: [next region][sentinel address][block][block]...[sentinel header]
///     block:  [header: size | flags][payload ...................]
///
/// - A block starts at an address ≡ W (mod U), so its payload is U-aligned;
///   every block size is a multiple of U, so blocks tile each region exactly.
/// - The header is one word: the block size (header included) with
///   `usedBit`, and `trailerBit` on over-aligned blocks, whose last word keeps
///   their alignment so `reallocate` can honour it when the block moves.
/// - A free block keeps the address of the next free block in its first payload
///   word: blocks need at least U bytes.
/// - Each region ends with a used header of size 0, so no walk or merge runs
///   past it, even when regions are adjacent.
///
/// Allocation walks the free list for the first block that fits; freeing walks
/// it to the insertion point and merges with both neighbours.
public struct FreeListAllocator: ~Copyable {
    @usableFromInline static var word: UInt { UInt(MemoryLayout<UInt>.size) }
    @usableFromInline static var unit: UInt { 2 &* word }
    @usableFromInline static var usedBit: UInt { 1 }
    @usableFromInline static var trailerBit: UInt { 2 }

    /// Lowest free block, or 0. Invariant: the list is in strictly ascending
    /// address order, every node has `usedBit` clear, and no node ends where the
    /// next begins (neighbours are always merged).
    @usableFromInline var freeHead: UInt = 0
    /// Lowest region, or 0. Invariant: regions are listed in ascending address
    /// order and do not overlap.
    @usableFromInline var regionHead: UInt = 0
    /// Counts whole blocks (headers included); `bytesFree` is the sum of the
    /// free list.
    @usableFromInline var counters = HeapStatistics()

    /// An allocator with no memory yet; see `addRegion(_:)`.
    public init() {}

    /// An allocator over one region.
    /// A region too small for one block leaves the heap empty: every allocation
    /// then fails with `.outOfMemory`.
    /// - Precondition: as for `addRegion(_:)`.
    public init(unsafeRegion region: UnsafeMutableRawBufferPointer) {
        addRegion(region)
    }

    /// Hands the allocator another region, at any alignment.
    /// - Returns: false, taking nothing, when the region cannot hold its
    ///   bookkeeping and one minimum block (about 6 words).
    /// - Precondition: `region` is valid for reads and writes, overlaps no other
    ///   region, and nothing else uses it while the allocator lives.
    /// - Complexity: O(regions + free blocks).
    @discardableResult
    public mutating func addRegion(_ region: UnsafeMutableRawBufferPointer) -> Bool {
        let w = Self.word, u = Self.unit
        guard let (descriptor, hi) = RegionList.bounds(of: region, unit: u), hi &- descriptor >= 4 &* u else { return false }
        let first = descriptor &+ 3 &* w
        let sentinel = alignDown(hi &- 2 &* w, to: u) &+ w
        guard sentinel >= first &+ u else { return false }
        // SAFETY: descriptor..hi lies inside `region`, which the caller gives us.
        RegionList.insert(descriptor, sentinel: sentinel, into: &regionHead)
        Self.store(sentinel, Self.usedBit)
        counters.bytesFree &+= Int(sentinel &- first)
        let inserted = insertFree(first, size: sentinel &- first)
        assert(inserted)
        return true
    }

    // MARK: Raw words (every address passed here was bounds-checked by the caller)

    @inlinable @inline(__always)
    static func load(_ address: UInt) -> UInt { loadWord(address) }

    @inlinable @inline(__always)
    static func store(_ address: UInt, _ value: UInt) { storeWord(address, value) }

    @inlinable @inline(__always)
    static func size(_ block: UInt) -> UInt { load(block) & ~(unit &- 1) }

    @inlinable @inline(__always)
    static func next(_ block: UInt) -> UInt { load(block &+ word) }

    @inlinable @inline(__always)
    mutating func link(_ prev: UInt, to block: UInt) {
        if prev == 0 { freeHead = block } else { Self.store(prev &+ Self.word, block) }
    }

    /// The region of the list starting at `regionHead` whose blocks span
    /// `block`, as (first block, sentinel), or nil. Static, taking the list
    /// head rather than `self`: a non-mutating method of this `~Copyable`
    /// struct called from a mutating one may be handed a copy of the whole
    /// struct in -Osize builds (a memcpy on the free path, seen on riscv64).
    @inlinable @inline(__always)
    static func region(containing block: UInt, regionHead: UInt) -> (first: UInt, sentinel: UInt)? {
        var r = regionHead
        while r != 0 {
            let first = r &+ 3 &* Self.word, sentinel = Self.load(r &+ Self.word)
            if block >= first && block < sentinel { return (first, sentinel) }
            r = Self.load(r)
        }
        return nil
    }

    /// Bytes a block needs for `size` payload bytes (plus a trailer if over-aligned).
    /// - Returns: nil if that cannot fit in any heap.
    @inlinable
    static func blockSize(forPayload size: Int, overAligned: Bool) -> UInt? {
        let extra = overAligned ? 2 &* word : word
        guard size >= 0, UInt(size) <= UInt(Int.max) &- extra &- unit else { return nil }
        return alignUp(UInt(size) &+ extra, to: unit)
    }

    /// Puts `block` of `size` bytes on the free list, merging it with the free
    /// neighbours on either side. Every header left inside the merged block
    /// has its used bit clear (the right neighbour's was already free; the
    /// block's own is cleared when it merges into its left neighbour).
    /// - Returns: false, changing nothing, if `block` lies inside a block that is
    ///   already free (a double free of a block that was merged away).
    /// - Complexity: O(free blocks before `block`).
    @usableFromInline
    mutating func insertFree(_ block: UInt, size: UInt) -> Bool {
        var prev: UInt = 0, cur = freeHead
        while cur != 0 && cur < block { prev = cur; cur = Self.next(cur) }
        if prev != 0 && prev &+ Self.size(prev) > block { return false }
        if cur == block { return false }
        var size = size, after = cur
        if cur == block &+ size {
            size &+= Self.size(cur)
            after = Self.next(cur)
        }
        if prev != 0 && prev &+ Self.size(prev) == block {
            Self.store(prev, Self.size(prev) &+ size)
            Self.store(prev &+ Self.word, after)
            // `block`'s header now lies inside the free block `prev`: clear its
            // used bit, so a stale pointer to it (a second free, a realloc) is
            // refused as a double free instead of passing for a live block.
            Self.store(block, size)
        } else {
            Self.store(block, size)
            Self.store(block &+ Self.word, after)
            link(prev, to: block)
        }
        return true
    }
}
