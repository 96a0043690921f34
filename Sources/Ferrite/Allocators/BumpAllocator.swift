/// An arena: allocation moves a pointer up through one region.
///
/// Memory layout: every block is `[padding][header word][payload]`, packed
/// upward from the region start (W = word size).
///
/// - The header holds the payload size rounded up to a word (the block's
///   usable size), `freedBit` (the top bit) once the block is freed, and
///   `overAlignedBit` (bit 0) on a block aligned to more than 2 W.
/// - Padding words (only when the alignment exceeds W) hold
///   `paddingWord(alignment:)`, a value no header can hold, so `validate()`
///   can walk the arena. An over-aligned block always has at least one, just
///   below its header, holding its alignment, so `reallocate` can read it
///   back and keep it when the block moves; other blocks' padding holds
///   `paddingWord(alignment: 1)` (all ones), and they move to a 2 W-aligned
///   block, what `malloc` promises.
///
/// - Only the most recent block is really given back by `deallocate`, and only
///   if it lies above the latest checkpoint; freeing any other block marks it
///   freed (so a second free is reported) but its bytes return only through
///   `reset(to:)`. Likewise only a block above the latest checkpoint is
///   resized in place at the top.
/// - `limit` caps the bytes taken from the region, for budgets below its size.
/// - Never hands out a byte outside its region, whatever the size or alignment:
///   every bound is checked with overflow-safe arithmetic.
public struct BumpAllocator: ~Copyable {
    @usableFromInline static var wordSize: UInt { UInt(MemoryLayout<UInt>.size) }
    @usableFromInline static var freedBit: UInt { 1 &<< (UInt.bitWidth &- 1) }
    @usableFromInline static var overAlignedBit: UInt { 1 }

    /// What the padding words before a block aligned to `alignment` hold: the
    /// complement of log2(alignment), one of the top `UInt.bitWidth` values
    /// (UInt.max - 63 ... UInt.max on 64-bit). As a header that would be a
    /// freed block of nearly the whole address space, which no arena holds.
    @inlinable @inline(__always)
    static func paddingWord(alignment: UInt) -> UInt { ~UInt(alignment.trailingZeroBitCount) }

    @inlinable @inline(__always)
    static func isPadding(_ word: UInt) -> Bool { ~word < UInt(UInt.bitWidth) }

    /// The block's usable size: its header without the flags.
    @inlinable @inline(__always)
    static func body(_ header: UInt) -> UInt { header & ~freedBit & ~(wordSize &- 1) }

    /// The word-aligned first byte of the region. Invariant: `start <= top <= end`.
    @usableFromInline let start: UInt
    /// The next free byte; always word-aligned.
    @usableFromInline var top: UInt
    /// The top of the latest checkpoint (or of the checkpoint reset to),
    /// `start` before any. Invariant: `start <= floor <= top`; every checkpoint
    /// not yet released has its top at or below it, on a block boundary.
    /// `deallocate` and `reallocate` never move `top` below it, so a block
    /// freed or resized just below a checkpoint cannot take the checkpoint's
    /// bytes, and a later block cannot straddle it.
    @usableFromInline var floor: UInt
    /// One past the last usable byte (word-aligned down).
    @usableFromInline let end: UInt
    /// `top - start` never exceeds this many bytes.
    public let limit: Int
    /// `min(end, start + limit)`: the one bound the allocation path checks.
    @usableFromInline let ceiling: UInt
    /// `bytesInUse`/`liveAllocations` count live (not freed) blocks, header included.
    @usableFromInline var counters = HeapStatistics()

    /// An empty arena: every allocation fails with `.outOfMemory`.
    public init() {
        start = 0; top = 0; floor = 0; end = 0; limit = 0; ceiling = 0
    }

    /// Takes ownership of `region` for the allocator's lifetime.
    /// - Parameter limit: the most bytes (headers and padding included) the arena
    ///   may take from the region; beyond it allocation throws `.limitReached`.
    /// - Precondition: `region` is valid for reads and writes, used by nothing
    ///   else while the allocator lives; any alignment is accepted.
    public init(unsafeRegion region: UnsafeMutableRawBufferPointer, limit: Int = .max) {
        let w = Self.wordSize
        let base = UInt(bitPattern: region.baseAddress)
        let (last, overflow) = base.addingReportingOverflow(UInt(region.count))
        let lo = alignUp(base, to: w)
        let hi = alignDown(last, to: w)
        let usable = base != 0 && !overflow && lo >= base && hi >= lo
        start = usable ? lo : 0
        top = start
        floor = start
        end = usable ? hi : 0
        self.limit = Swift.max(0, limit)
        let (byLimit, limitOverflow) = start.addingReportingOverflow(UInt(self.limit))
        ceiling = limitOverflow ? end : Swift.min(end, byLimit)
    }

    /// The bytes `top` may still move up by.
    @inlinable
    var remaining: UInt { ceiling &- top }
}

extension BumpAllocator: Allocator {
    /// - Complexity: O(1) (plus one store per padding word when
    ///   `layout.alignment` exceeds the word size).
    @inlinable
    public mutating func allocate(_ layout: Layout) throws(AllocatorError) -> UnsafeMutableRawPointer {
        let w = Self.wordSize
        let align = Swift.max(UInt(layout.alignment), w)
        let overAligned = align > 2 &* w
        // An over-aligned block keeps room for one padding word (its alignment).
        let payload = alignUp(top &+ (overAligned ? 2 &* w : w), to: align)
        // size <= Int.max, so rounding it up to a word cannot overflow a UInt.
        let body = alignUp(UInt(layout.size), to: w)
        let (newTop, overflow) = payload.addingReportingOverflow(body)
        // One bound for the common case; which one failed is worked out only
        // on the failure path. `payload > top` fails exactly when the header
        // offset or the rounding wrapped around the address space.
        guard !overflow, payload > top, newTop <= ceiling else {
            counters.failedAllocations &+= 1
            throw overflow || payload <= top || newTop > end ? .outOfMemory : .limitReached
        }
        // Only an over-aligned block's padding needs its alignment (and the
        // bit scan, a long sequence on cores without one); others' is all ones.
        let padding = overAligned ? Self.paddingWord(alignment: align) : Self.paddingWord(alignment: 1)
        var pad = top
        while pad < payload &- w {
            // SAFETY: top <= pad < payload - w < newTop <= ceiling <= end: inside the region we own.
            storeWord(pad, padding)
            pad &+= w
        }
        // SAFETY: the header word payload - w lies in [top, newTop) ⊆ [start, end).
        storeWord(payload &- w, body | (overAligned ? Self.overAlignedBit : 0))
        top = newTop
        counters.bytesInUse &+= Int(w &+ body)
        counters.liveAllocations &+= 1
        if counters.bytesInUse > counters.peakBytesInUse { counters.peakBytesInUse = counters.bytesInUse }
        markUsable(payload, count: body)
        return UnsafeMutableRawPointer(bitPattern: payload).unsafelyUnwrapped
    }

    /// Marks the block freed; gives its bytes back only if it is the most recent
    /// and lies above the latest checkpoint.
    /// - Throws: `.invalidPointer` for a pointer outside the used part of the arena
    ///   or not word-aligned (the most recent block, once freed, lies outside
    ///   it); `.doubleFree` for a block already freed; `.layoutMismatch` when
    ///   `layout.size` exceeds the block's usable size or `layout.alignment`
    ///   does not divide its address.
    /// - Complexity: O(1).
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, layout: Layout) throws(AllocatorError) {
        let p = UInt(bitPattern: pointer)
        let w = Self.wordSize
        guard p >= start &+ w, p <= top, p & (w &- 1) == 0 else { throw .invalidPointer }
        // SAFETY: start + w <= p <= top, so the header word p - w is inside the arena.
        let header = UnsafeMutablePointer<UInt>(bitPattern: p &- w).unsafelyUnwrapped
        guard header.pointee & Self.freedBit == 0 else { throw .doubleFree }
        let body = Self.body(header.pointee)
        guard body <= top &- p else { throw .invalidPointer }
        guard UInt(bitPattern: layout.size) <= body, p & UInt(bitPattern: layout.alignment &- 1) == 0 else { throw .layoutMismatch }
        markFreed(p, count: body)   // ASan builds: the body is free from here
        counters.bytesInUse &-= Int(w &+ body)
        counters.liveAllocations &-= 1
        if p &+ body == top && p &- w >= floor {
            top = p &- w
        } else {
            header.pointee |= Self.freedBit
        }
    }

    /// Grows or shrinks in place at the top when the block is the most recent,
    /// lies above the latest checkpoint and the region allows; otherwise
    /// shrinks by keeping the block as it is, or grows by allocating, copying
    /// and freeing.
    /// - Throws: as `deallocate` for a bad pointer or `oldLayout`, or
    ///   `.outOfMemory`/`.limitReached`; the arena is then unchanged.
    public mutating func reallocate(_ pointer: UnsafeMutableRawPointer, from oldLayout: Layout, toSize newSize: Int)
        throws(AllocatorError) -> UnsafeMutableRawPointer
    {
        let p = UInt(bitPattern: pointer)
        let w = Self.wordSize
        guard p >= start &+ w, p <= top, p & (w &- 1) == 0 else { throw .invalidPointer }
        // SAFETY: as in deallocate, the header word is inside the arena.
        let header = UnsafeMutablePointer<UInt>(bitPattern: p &- w).unsafelyUnwrapped
        guard header.pointee & Self.freedBit == 0 else { throw .doubleFree }
        let oldBody = Self.body(header.pointee)
        guard oldBody <= top &- p else { throw .invalidPointer }
        guard UInt(bitPattern: oldLayout.size) <= oldBody,
              p & UInt(bitPattern: oldLayout.alignment &- 1) == 0 else { throw .layoutMismatch }
        guard newSize >= 0 else { throw .outOfMemory }
        let newBody = alignUp(UInt(newSize), to: w)
        if p &+ oldBody == top, p &- w >= floor, newBody <= ceiling &- p {
            top = p &+ newBody
            counters.bytesInUse &+= Int(bitPattern: newBody &- oldBody)
            counters.peakBytesInUse = Swift.max(counters.peakBytesInUse, counters.bytesInUse)
            header.pointee = newBody | (header.pointee & Self.overAlignedBit)
            markUsable(p, count: newBody)
            if newBody < oldBody { markFreed(p &+ newBody, count: oldBody &- newBody) }  // ASan builds
            return pointer
        }
        if newBody <= oldBody {
            // Not the last block above the checkpoint: its bytes cannot be given back, so the header
            // keeps the old size (the walk in `validate()` depends on it).
            return pointer
        }
        // The block's own alignment (read back from the padding word an
        // over-aligned block keeps below its header), never less than asked.
        // SAFETY: an over-aligned block's header has a padding word below it,
        // inside the arena (allocate reserved it).
        let recorded = header.pointee & Self.overAlignedBit != 0 ? 1 &<< ~loadWord(p &- 2 &* w) : 2 &* w
        let alignment = Swift.max(recorded, UInt(oldLayout.alignment))
        let fresh = try allocate(Layout(uncheckedSize: newSize, alignment: Int(alignment)))
        // SAFETY: both blocks are live, distinct and at least `oldBody` long.
        fresh.copyMemory(from: pointer, byteCount: Int(oldBody))
        try deallocate(pointer, layout: oldLayout)
        return fresh
    }

    /// - Precondition: `pointer` is a live block of this arena.
    public func usableSize(of pointer: UnsafeMutableRawPointer) -> Int {
        // SAFETY: precondition: a live block has its header just below it.
        let header = (pointer - Int(Self.wordSize)).load(as: UInt.self)
        return Int(Self.body(header))
    }

    public var statistics: HeapStatistics {
        var s = counters
        s.bytesFree = Int(remaining)
        // A word-aligned request takes a header word and its size rounded up to a word.
        s.largestAllocation = remaining >= Self.wordSize ? Int(remaining &- Self.wordSize) : 0
        return s
    }
}
