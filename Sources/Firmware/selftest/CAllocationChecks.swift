import Ferrite
import FerriteLibC

/// The C allocation ABI of the runtime heap: the edge cases C leaves open, as
/// Ferrite documents them (CAllocation.swift, README).
///
/// The checks call the Swift implementations behind the C symbols (`malloc`
/// is a one-line C forward to `ferriteMalloc`): LLVM knows what `malloc`
/// means and may fold `malloc(huge) == NULL` to false in the caller, which
/// would test the optimiser instead of the heap. The C symbols themselves are
/// exercised by everything else: the Swift runtime allocates through them.
enum CAllocationChecks {
    static func run(_ t: inout Checker) {
        t.begin("malloc family on the runtime heap")
        let start = HeapReport.statistics()

        let zero1 = ferriteMalloc(0), zero2 = ferriteMalloc(0)
        t.expect(zero1 != nil && zero2 != nil && zero1 != zero2, "malloc(0) returns distinct blocks")
        ferriteFree(zero1); ferriteFree(zero2)
        ferriteFree(nil)
        t.expect(ferriteMalloc(Int.max) == nil && ferriteMalloc(-1) == nil, "malloc of an impossible size is NULL")
        t.expect(ferriteMalloc(Int.max / 2) == nil, "malloc beyond the heap is NULL")
        let failed = HeapReport.statistics().failedAllocations
        t.expect(failed == start.failedAllocations + 1, "the allocator counts the failure it saw")

        let p = ferriteMalloc(100)
        t.expect(p != nil && Int(bitPattern: p) % (2 * MemoryLayout<Int>.size) == 0, "malloc aligns to two words")
        t.expect(ferriteMallocUsableSize(p) >= 100 && ferriteMallocUsableSize(nil) == 0, "malloc_usable_size")
        ferriteFree(p)

        t.expect(ferriteCalloc(Int.max / 2, 3) == nil && ferriteCalloc(-1, 8) == nil, "calloc with n * size overflowing is NULL")
        if let z = ferriteCalloc(10, 30) {
            var zeroed = true
            for i in 0..<300 where z.load(fromByteOffset: i, as: UInt8.self) != 0 { zeroed = false }
            t.expect(zeroed, "calloc zero-fills")
            _ = memset(z, 0x77, 300)
            ferriteFree(z)
            if let again = ferriteCalloc(10, 30) {
                var stillZero = true
                for i in 0..<300 where again.load(fromByteOffset: i, as: UInt8.self) != 0 { stillZero = false }
                t.expect(stillZero, "calloc zero-fills reused memory")
                ferriteFree(again)
            }
        } else {
            t.expect(false, "ferriteCalloc(10, 30)")
        }

        var out: UnsafeMutableRawPointer? = nil
        t.expect(ferritePosixMemalign(&out, 3, 16) == 22 && ferritePosixMemalign(&out, 24, 16) == 22, "posix_memalign: EINVAL for a non-power-of-two alignment")
        t.expect(ferritePosixMemalign(&out, MemoryLayout<UnsafeRawPointer>.size / 2, 16) == 22 && ferritePosixMemalign(&out, 0, 16) == 22,
                 "posix_memalign: EINVAL below the pointer size")
        t.expect(out == nil, "posix_memalign leaves the result alone on error")
        t.expect(ferritePosixMemalign(&out, 64, Int.max - 4096) == 12, "ferrite_posix_memalign: ENOMEM on exhaustion")
        // The exported posix_memalign (the Swift runtime's door) stops the
        // program on exhaustion (the oom image checks that) but still refuses
        // a bad alignment with EINVAL.
        t.expect(ferriteRuntimePosixMemalign(&out, 3, 16) == 22 && out == nil, "posix_memalign: EINVAL for a bad alignment, result untouched")
        // Grown far enough to move: 20 000 bytes, or an eighth of a small heap
        // (the bump heap keeps what this loop frees out of order).
        let movedSize = min(20_000, runtimeHeapRegion.count / 8)
        for shift in 3..<13 {
            let alignment = 1 << shift
            var q: UnsafeMutableRawPointer? = nil
            let status = ferritePosixMemalign(&q, alignment, 40)
            t.expect(status == 0 && Int(bitPattern: q) % alignment == 0, "posix_memalign honours alignments 8...4096")
            if let q {
                // realloc keeps the alignment it was allocated with, even when moving.
                _ = memset(q, 0x3C, 40)
                let r = ferriteRealloc(q, movedSize)
                t.expect(r != nil && Int(bitPattern: r) % alignment == 0, "realloc keeps the block's alignment")
                var kept = true
                for i in 0..<40 where r?.load(fromByteOffset: i, as: UInt8.self) != 0x3C { kept = false }
                t.expect(kept, "realloc keeps the contents")
                ferriteFree(r)
            }
        }
        t.expect(ferriteAlignedAlloc(3, 8) == nil, "aligned_alloc: NULL for a bad alignment")
        let aligned = ferriteAlignedAlloc(256, 10)
        t.expect(aligned != nil && Int(bitPattern: aligned) % 256 == 0, "aligned_alloc honours its alignment")
        ferriteFree(aligned)

        let grown = ferriteRealloc(nil, 10)
        t.expect(grown != nil, "ferriteRealloc(NULL, n) is ferriteMalloc(n)")
        let shrunk = ferriteRealloc(grown, 0)
        t.expect(shrunk == grown, "ferriteRealloc(p, 0) shrinks in place and returns p")
        ferriteFree(shrunk)

        let end = HeapReport.statistics()
        t.expect(end.bytesInUse == start.bytesInUse && end.liveAllocations == start.liveAllocations,
                 "every block above was returned")
    }
}

