import Ferrite
import Testing

@Suite struct CAllocationTests {
    @Test func mallocFamilyEdgeCases() throws {
        let region = TestRegion(bytes: 64 * 1024)
        var heap = FreeListAllocator(unsafeRegion: region.region)
        let a = CAllocation.malloc(&heap, size: 0), b = CAllocation.malloc(&heap, size: 0)
        #expect(a != nil && b != nil && a != b)
        #expect(CAllocation.malloc(&heap, size: Int.max) == nil)
        #expect(CAllocation.malloc(&heap, size: -1) == nil)
        #expect(CAllocation.free(&heap, nil) == nil)
        #expect(CAllocation.free(&heap, a) == nil)
        #expect(CAllocation.free(&heap, a) == .doubleFree)
        #expect(CAllocation.free(&heap, b) == nil)

        #expect(CAllocation.calloc(&heap, count: Int.max / 2, size: 3) == nil)
        #expect(CAllocation.calloc(&heap, count: 3, size: Int.max / 2) == nil)
        let z = try #require(CAllocation.calloc(&heap, count: 7, size: 9))
        for i in 0..<63 { #expect(z.load(fromByteOffset: i, as: UInt8.self) == 0) }
        _ = CAllocation.free(&heap, z)

        var out: UnsafeMutableRawPointer? = nil
        for bad in [0, 1, 2, 4, 3, 24, 48] where bad < MemoryLayout<UnsafeRawPointer>.size || !isPowerOfTwo(bad) {
            #expect(CAllocation.posixMemalign(&heap, &out, alignment: bad, size: 8) == CAllocation.EINVAL)
        }
        #expect(out == nil)
        #expect(CAllocation.posixMemalign(&heap, &out, alignment: 64, size: 1 << 20) == CAllocation.ENOMEM)
        #expect(CAllocation.posixMemalign(&heap, &out, alignment: 1024, size: 10) == 0)
        let aligned = try #require(out)
        #expect(UInt(bitPattern: aligned) % 1024 == 0)

        // realloc keeps the alignment when it has to move.
        _ = CAllocation.malloc(&heap, size: 16)
        let (moved, error) = CAllocation.realloc(&heap, aligned, size: 4000)
        #expect(error == nil)
        #expect(moved != nil && UInt(bitPattern: moved) % 1024 == 0)

        let (fresh, _) = CAllocation.realloc(&heap, nil, size: 20)
        #expect(fresh != nil)
        let (shrunk, shrinkError) = CAllocation.realloc(&heap, fresh, size: 0)
        #expect(shrunk == fresh && shrinkError == nil, "realloc(p, 0) shrinks in place")
        let (failed, failError) = CAllocation.realloc(&heap, shrunk, size: 1 << 20)
        #expect(failed == nil && failError == nil, "exhaustion is a plain NULL, the block stays")
        #expect(CAllocation.usableSize(&heap, shrunk) >= 0 && CAllocation.usableSize(&heap, nil) == 0)
        #expect(CAllocation.alignedAlloc(&heap, alignment: 3, size: 8) == nil)
        do { let ok = heap.validate() == nil; #expect(ok) }
    }
}
