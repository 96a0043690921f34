/// A two-level segregated fit allocator: O(1) allocate and free, the default
/// heap of Ferrite's runtime.
///
/// Free blocks are kept in `flCount × 32` lists, one per size class. The first
/// level splits sizes by power of two, the second splits each power of two in
/// 32 equal steps (sizes below `smallLimit` are classed by exact unit). Two
/// bitmaps record which lists are non-empty, so finding a block that fits is a
/// couple of bit scans, never a walk.
///
/// Memory layout (W = word, U = 2W = the unit and default payload alignment):
///
///     first region:  [next region][sentinel][control][block][block]...[sentinel]
///     other regions: [next region][sentinel][block]...[sentinel]
///     control:       [fl bitmap][sl bitmap × flCount][list heads × flCount × 32]
///     used block:    [header][payload ...]                     one word of overhead
///     free block:    [header][next free][prev free] ... [size] (footer)
///
/// - A block starts at an address ≡ W (mod U), so payloads are U-aligned.
///   Sizes are multiples of U and at least `minimumBlock` (4 words).
/// - The header holds the size and three flags: `freeBit`, `previousFreeBit`
///   (the block just below is free: its size is then the word just below this
///   header — the footer — which is how freeing finds the left neighbour in
///   O(1)), and `trailerBit` (an over-aligned block keeps its alignment in its
///   last word, for `reallocate`).
/// - A region ends with a sentinel: a used header of size 0.
/// - Regions larger than `maximumBlock` are used up to that size.
public struct TLSFAllocator: ~Copyable {
    @usableFromInline static var word: UInt { UInt(MemoryLayout<UInt>.size) }
    @usableFromInline static var unit: UInt { 2 &* word }
    @usableFromInline static var minimumBlock: UInt { 4 &* word }

    @usableFromInline static var freeBit: UInt { 1 }
    @usableFromInline static var previousFreeBit: UInt { 2 }
    @usableFromInline static var trailerBit: UInt { 4 }
    @usableFromInline static var flagMask: UInt { unit &- 1 }

    /// log2 of the second-level list count.
    @usableFromInline static var slShift: Int { 5 }
    @usableFromInline static var slCount: Int { 1 &<< slShift }
    /// Sizes below this are classed exactly, one list per unit.
    @usableFromInline static var smallLimit: UInt { unit &<< UInt(slShift) }
    @usableFromInline static var smallShift: Int { UInt.bitWidth == 64 ? 9 : 8 }  // log2(smallLimit)
    /// First-level classes: blocks up to 4 GiB on 64-bit, 128 MiB on 32-bit.
    @usableFromInline static var flCount: Int { UInt.bitWidth == 64 ? 24 : 20 }
    /// The largest block a list can hold.
    @usableFromInline static var maximumBlock: UInt { (smallLimit &<< UInt(flCount &- 1)) &- unit }
    /// Bytes of the control area: the two bitmaps and the list heads.
    @usableFromInline static var controlSize: UInt { word &* UInt(1 &+ flCount &+ flCount &* slCount) }

    /// Address of the control area, or 0 before the first region.
    /// Invariant: bit `fl` of the first-level bitmap is set iff second-level
    /// bitmap `fl` is non-zero; bit `sl` of that bitmap is set iff list
    /// `(fl, sl)` is non-empty; every list holds only free blocks whose size
    /// maps to it.
    @usableFromInline var control: UInt = 0
    /// Lowest region, or 0. Regions are listed in ascending address order.
    @usableFromInline var regionHead: UInt = 0
    /// Lowest first block and highest sentinel over all regions: a cheap
    /// bound for pointers passed to `deallocate`.
    @usableFromInline var lowest: UInt = .max
    @usableFromInline var highest: UInt = 0
    /// Whole-block byte counts (headers included). `bytesFree` is not kept
    /// here: it is always `capacity - bytesInUse`, filled in by `statistics`.
    @usableFromInline var counters = HeapStatistics()
    /// Bytes of all regions' blocks, free or used.
    @usableFromInline var capacity: UInt = 0

    /// An allocator with no memory yet; see `addRegion(_:)`.
    public init() {}

    /// An allocator over one region. A region too small for the control area
    /// (about 800 words) and one block leaves the heap empty: every allocation
    /// then fails with `.outOfMemory`.
    /// - Precondition: as for `addRegion(_:)`.
    public init(unsafeRegion region: UnsafeMutableRawBufferPointer) {
        addRegion(region)
    }

    /// Hands the allocator another region, at any alignment. The first region
    /// also holds the control area.
    /// - Returns: false, taking nothing, when the region is too small.
    /// - Precondition: `region` is valid for reads and writes, overlaps no other
    ///   region, and nothing else uses it while the allocator lives.
    /// - Complexity: O(regions).
    @discardableResult
    public mutating func addRegion(_ region: UnsafeMutableRawBufferPointer) -> Bool {
        let w = Self.word, u = Self.unit
        guard let (descriptor, hi) = RegionList.bounds(of: region, unit: u) else { return false }
        let controlStart = descriptor &+ 2 &* w
        let needsControl = control == 0
        let blocksStart = needsControl ? controlStart &+ Self.controlSize : controlStart
        let first = alignUp(blocksStart, to: u) &+ w
        guard hi > first, hi &- first >= Self.minimumBlock &+ 2 &* w else { return false }
        var sentinel = alignDown(hi &- 2 &* w, to: u) &+ w
        if sentinel &- first > Self.maximumBlock { sentinel = first &+ Self.maximumBlock }
        guard sentinel >= first &+ Self.minimumBlock else { return false }

        if needsControl {
            control = controlStart
            var a = controlStart
            while a < controlStart &+ Self.controlSize { storeWord(a, 0); a &+= w }
        }
        // SAFETY: descriptor..hi lies inside `region`, which the caller gives us.
        RegionList.insert(descriptor, sentinel: sentinel, into: &regionHead)
        lowest = Swift.min(lowest, first)
        highest = Swift.max(highest, sentinel)

        let size = sentinel &- first
        storeWord(sentinel, Self.previousFreeBit)
        Self.makeFree(first, size: size, previousFree: false)
        Self.insert(control, first, size: size)
        capacity &+= size
        return true
    }
}

// MARK: - Size classes and lists

// A list is named by one index, `fl << slShift | sl`: it fits a register, so
// the helpers below pass and compare one word instead of a pair.

extension TLSFAllocator {
    /// The list a free block of `size` bytes belongs on.
    @inlinable @inline(__always)
    static func mappingBody(_ size: UInt) -> Int {
        if size < smallLimit { return Int(size / unit) }
        let top = highestBitIndex(size)
        let sl = Int((size &>> UInt(top &- slShift)) ^ (1 &<< UInt(slShift)))
        return (top &- smallShift &+ 1) &<< slShift | sl
    }

    /// The first list whose every block is at least `size` bytes: `size`
    /// rounded up to the next class boundary, then mapped (one bit scan: the
    /// rounding can only carry into the next power of two).
    @inlinable @inline(__always)
    static func searchMapping(_ size: UInt) -> Int {
        if size < smallLimit { return Int(size / unit) }
        var top = highestBitIndex(size)
        let rounded = size &+ (1 &<< UInt(top &- slShift)) &- 1
        if rounded &>> UInt(top &+ 1) != 0 { top &+= 1 }
        let sl = Int((rounded &>> UInt(top &- slShift)) ^ (1 &<< UInt(slShift)))
        return (top &- smallShift &+ 1) &<< slShift | sl
    }

    // The list operations below are static and take the control area's
    // address, not `self`: a non-mutating method on this ~Copyable struct,
    // called from a mutating one, may be handed a copy of the whole struct in
    // -Osize builds (seen on riscv64), which costs more than the operation.

    @inlinable @inline(__always)
    static func slBitmapAddress(_ control: UInt, _ fl: Int) -> UInt { control &+ word &* UInt(1 &+ fl) }

    @inlinable @inline(__always)
    static func headAddress(_ control: UInt, _ list: Int) -> UInt {
        control &+ word &* UInt(1 &+ flCount &+ list)
    }

    /// Writes a free block's header and footer.
    @inlinable @inline(__always)
    static func makeFree(_ block: UInt, size: UInt, previousFree: Bool) {
        storeWord(block, size | freeBit | (previousFree ? previousFreeBit : 0))
        storeWord(block &+ size &- word, size)
    }

    /// Pushes a free block on `list`, which its size maps to.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    static func insertBody(_ control: UInt, _ block: UInt, _ list: Int) {
        let head = headAddress(control, list)
        let first = loadWord(head)
        storeWord(block &+ word, first)
        storeWord(block &+ 2 &* word, 0)
        storeWord(head, block)
        if first != 0 {
            storeWord(first &+ 2 &* word, block)
        } else {
            // The list was empty: its bit (and its level's bit) go on.
            let fl = list &>> slShift
            let slBitmap = slBitmapAddress(control, fl)
            storeWord(slBitmap, loadWord(slBitmap) | (1 &<< UInt(list & (slCount &- 1))))
            storeWord(control, loadWord(control) | (1 &<< UInt(fl)))
        }
    }

    /// Pushes a free block of `size` bytes on the list its size maps to.
    @inlinable
    static func insert(_ control: UInt, _ block: UInt, size: UInt) {
        insert(control, block, mapping(size))
    }

    /// Unlinks a free block from `list`, clearing bitmap bits that go empty.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    static func removeBody(_ control: UInt, _ block: UInt, _ list: Int) {
        let next = loadWord(block &+ word), prev = loadWord(block &+ 2 &* word)
        if next != 0 { storeWord(next &+ 2 &* word, prev) }
        if prev != 0 {
            storeWord(prev &+ word, next)
            return
        }
        storeWord(headAddress(control, list), next)
        if next == 0 {
            let fl = list &>> slShift
            let slBitmap = slBitmapAddress(control, fl)
            let slMap = loadWord(slBitmap) & ~(1 &<< UInt(list & (slCount &- 1)))
            storeWord(slBitmap, slMap)
            if slMap == 0 { storeWord(control, loadWord(control) & ~(1 &<< UInt(fl))) }
        }
    }

    /// Unlinks a free block of `size` bytes from the list its size maps to.
    @inlinable
    static func remove(_ control: UInt, _ block: UInt, size: UInt) {
        remove(control, block, mapping(size))
    }

    /// Puts free block `new` in `old`'s place on `list`: for a block that
    /// changed address or size but not size class, no bitmap changes.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    static func replaceBody(_ control: UInt, _ old: UInt, with new: UInt, _ list: Int) {
        let next = loadWord(old &+ word), prev = loadWord(old &+ 2 &* word)
        storeWord(new &+ word, next)
        storeWord(new &+ 2 &* word, prev)
        if next != 0 { storeWord(next &+ 2 &* word, new) }
        if prev != 0 { storeWord(prev &+ word, new) } else { storeWord(headAddress(control, list), new) }
    }

    /// The head of the first non-empty list whose blocks are all at least
    /// `size` bytes, and that list; failing that, the head of `size`'s own
    /// list if it happens to fit; block 0 if neither. Still linked.
    /// - Complexity: O(1): two bit scans.
    @inlinable @inline(__always)
    static func findBlockBody(_ control: UInt, atLeast size: UInt) -> (block: UInt, list: Int) {
        guard control != 0, size <= maximumBlock else { return (0, 0) }
        let list = searchMapping(size)
        var fl = list &>> slShift
        var slMap = fl < flCount ? loadWord(slBitmapAddress(control, fl)) & (UInt.max &<< UInt(list & (slCount &- 1))) : 0
        if slMap == 0 {
            let flMap = fl < flCount &- 1 ? loadWord(control) & (UInt.max &<< UInt(fl &+ 1)) : 0
            if flMap == 0 {
                // No class above the request's is free. The head of the
                // request's own class may still be large enough (its blocks
                // span sizes on both sides of the request): one look, still O(1).
                // This is what lets a heap be filled exactly to its capacity.
                let exact = mapping(size)
                let head = loadWord(headAddress(control, exact))
                if head != 0 && loadWord(head) & ~flagMask >= size { return (head, exact) }
                return (0, 0)
            }
            fl = flMap.trailingZeroBitCount
            slMap = loadWord(slBitmapAddress(control, fl))
        }
        let found = fl &<< slShift | slMap.trailingZeroBitCount
        return (loadWord(headAddress(control, found)), found)
    }
}
