import Ferrite
import Testing

@Suite struct FreeListAllocatorTests {
    @Test func regionTooSmallForOneBlock() {
        let region = TestRegion(bytes: 40, offset: 1)
        var heap = FreeListAllocator(unsafeRegion: region.region)
        do { let s = heap.statistics; #expect(s.bytesFree == 0) }
        do { let error = thrown { () throws(AllocatorError) in try heap.allocate(Layout(uncheckedSize: 0, alignment: 1)) }; #expect(error == .outOfMemory) }
        do { let violation = heap.validate(); #expect(violation == nil) }
    }

    @Test func exhaustionExactlyAtCapacity() throws {
        let region = TestRegion(bytes: 4096)
        var heap = FreeListAllocator(unsafeRegion: region.region)
        let capacity = heap.statistics.bytesFree
        let word = MemoryLayout<UInt>.size
        let p = try heap.allocate(Layout(size: capacity - word, alignment: 1))
        do { let s = heap.statistics; #expect(s.bytesFree == 0); #expect(s.bytesInUse == capacity) }
        #expect(region.contains(p, count: capacity - word))
        do { let error = thrown { () throws(AllocatorError) in try heap.allocate(Layout(uncheckedSize: 0, alignment: 1)) }; #expect(error == .outOfMemory) }
        try heap.deallocate(p, layout: Layout(size: capacity - word, alignment: 1))
        do { let s = heap.statistics; #expect(s.bytesFree == capacity) }
        do { let error = thrown { () throws(AllocatorError) in try heap.allocate(Layout(uncheckedSize: capacity, alignment: 1)) }; #expect(error == .outOfMemory) }
    }

    @Test func validateFindsACorruptHeader() throws {
        let region = TestRegion(bytes: 4096)
        var heap = FreeListAllocator(unsafeRegion: region.region)
        let p = try heap.allocate(Layout(size: 32, alignment: 8))
        _ = try heap.allocate(Layout(size: 32, alignment: 8))
        do { let violation = heap.validate(); #expect(violation == nil) }
        // An underflow from the previous block zeroes p's header (size 0).
        (p - MemoryLayout<UInt>.size).storeBytes(of: 0x1, as: UInt.self)
        let violation = heap.validate()
        #expect(violation?.rule == .badBlockSize)
        #expect(violation?.address == UInt(bitPattern: p - MemoryLayout<UInt>.size))
    }

    /// The sequence: `a` merges into the free block `x` left before
    /// it, so `a`'s old header lies inside a free block. realloc must see it
    /// as freed, not move the free block's bytes into a "live" one.
    @Test func reallocOfAFreedAndMergedBlockIsADoubleFree() throws {
        let region = TestRegion(bytes: 4096)
        var heap = FreeListAllocator(unsafeRegion: region.region)
        let x = try #require(CAllocation.malloc(&heap, size: 64))
        let a = try #require(CAllocation.malloc(&heap, size: 64))
        let c = try #require(CAllocation.malloc(&heap, size: 64))
        #expect(CAllocation.free(&heap, x) == nil)
        #expect(CAllocation.free(&heap, a) == nil)
        let (moved, error) = CAllocation.realloc(&heap, a, size: 64)
        #expect(moved == nil && error == .doubleFree, "realloc of a freed, merged block returned \(String(describing: moved)), error \(String(describing: error))")
        let big = try #require(CAllocation.malloc(&heap, size: 150))
        let lo = UInt(bitPattern: big), hi = lo + 150
        // Whatever realloc claimed to hand out counts as live too.
        for (live, size) in [(c, 64)] + (moved.map { [($0, 64)] } ?? []) {
            let start = UInt(bitPattern: live)
            #expect(hi <= start || lo >= start + UInt(size), "malloc(150) at \(big) overlaps the live block at \(live)")
        }
        let violation = heap.validate()
        #expect(violation == nil)
        let live = heap.statistics.liveAllocations
        #expect(live == 2)
    }

    /// The shrink variant: it reached `insertFree` for the tail, which found
    /// the tail inside a free block (an assert in debug builds, a negative
    /// `bytesInUse` in -O).
    @Test func shrinkingReallocOfAFreedAndMergedBlockIsADoubleFree() throws {
        let region = TestRegion(bytes: 4096)
        var heap = FreeListAllocator(unsafeRegion: region.region)
        let x = try #require(CAllocation.malloc(&heap, size: 64))
        let a = try #require(CAllocation.malloc(&heap, size: 64))
        _ = try #require(CAllocation.malloc(&heap, size: 64))
        _ = CAllocation.free(&heap, x)
        _ = CAllocation.free(&heap, a)
        let before = heap.statistics
        let error = thrown { () throws(AllocatorError) in try heap.reallocate(a, from: Layout(uncheckedSize: 64, alignment: 16), toSize: 8) }
        #expect(error == .doubleFree)
        let after = heap.statistics
        #expect(after == before, "a refused realloc changed the counters")
        let violation = heap.validate()
        #expect(violation == nil)

        // The shrink path's own guard: a header that still says "used" inside
        // a free block (forged here, as a stray write would leave it) is
        // refused there too, not asserted on.
        let word = MemoryLayout<UInt>.size
        (a - word).storeBytes(of: 64 + 16 | 1, as: UInt.self)
        let forged = thrown { () throws(AllocatorError) in try heap.reallocate(a, from: Layout(uncheckedSize: 64, alignment: 16), toSize: 8) }
        #expect(forged == .doubleFree)
        let afterForged = heap.statistics
        #expect(afterForged == before, "a refused realloc changed the counters")
    }
}
