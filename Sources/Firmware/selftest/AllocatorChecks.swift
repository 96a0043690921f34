import Ferrite
import FerriteLibC

/// Ferrite's allocators on the board, over a region carved from the runtime
/// heap: a seeded random sequence checked against a model (contents, bounds,
/// alignment, statistics) with `validate()` after every step. The region is
/// 64 KiB, or on a board with less than 240 KiB of heap a quarter of it plus
/// 4 KiB (TLSF keeps its ~2.6 KiB control block in the region it manages);
/// on the bump runtime heap, which cannot take back blocks freed out of
/// order, just a quarter.
enum AllocatorChecks {
    #if FERRITE_HEAP_BUMP
    static let extraForTLSF = 0
    #else
    static let extraForTLSF = 4096
    #endif

    static func run(_ t: inout Checker) {
        let bytes = min(64 * 1024, runtimeHeapRegion.count / 4 + extraForTLSF) & ~15
        let bumpLimit = bytes / 4 * 3
        let region = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes + 7, alignment: 16)
        defer { region.deallocate() }
        // An odd start: the allocator must align it itself.
        let odd = UnsafeMutableRawBufferPointer(rebasing: region[3..<(bytes + 3)])

        t.begin("FreeListAllocator: 4000 random steps, validated")
        var freeList = FreeListAllocator(unsafeRegion: odd)
        exerciseToEmpty(&freeList, region: odd, seed: 0x5EED_0001, &t)

        var tlsf = TLSFAllocator(unsafeRegion: odd)
        if tlsf.statistics.bytesFree >= 2048 {
            t.begin("TLSFAllocator: 4000 random steps, validated")
            exerciseToEmpty(&tlsf, region: odd, seed: 0x5EED_0003, &t)
        } else {
            // Only the microbit with HEAP=bump: a quarter of its 11 KiB heap is
            // about TLSF's control block alone. Said, not run for nothing.
            t.begin("TLSFAllocator: skipped, under 2 KiB left after its control block in this region")
        }

        t.begin("BumpAllocator: bounds, most-recent free, checkpoint/reset")
        var bump = BumpAllocator(unsafeRegion: odd, limit: bumpLimit)
        let empty = bump.checkpoint()
        exercise(&bump, region: odd, steps: 600, seed: 0x5EED_0002, &t)
        var taken = 0
        while let _ = try? bump.allocate(Layout(uncheckedSize: 1000, alignment: 8)) { taken += 1 }
        t.expect(bump.statistics.bytesFree < 1016, "fills up to its limit, then refuses")
        t.expect((try? bump.allocate(Layout(uncheckedSize: Int.max - 64, alignment: 4096))) == nil, "a huge request fails cleanly")
        bump.reset(to: empty)
        t.expect(bump.validate() == nil, "valid after reset")
        t.expect(bump.statistics.bytesFree == bumpLimit && bump.statistics.liveAllocations == 0, "reset returns every byte")
        t.expect((try? bump.allocate(Layout(uncheckedSize: 1000, alignment: 8))) != nil, "memory is usable after reset")
    }

    /// `exercise`, then the check that freeing everything leaves one free
    /// block spanning the region.
    static func exerciseToEmpty<A: Allocator & ~Copyable>(_ heap: inout A, region: UnsafeMutableRawBufferPointer,
                                                          seed: UInt64, _ t: inout Checker) {
        let initialFree = heap.statistics.bytesFree
        let allocations = exercise(&heap, region: region, steps: 4000, seed: seed, &t)
        // About half the steps try to allocate: a region too small to test would refuse nearly all.
        t.expect(allocations >= 4000 / 10, "the region is large enough for the sequence to allocate")
        let s = heap.statistics
        t.expect(s.liveAllocations == 0 && s.bytesFree == initialFree
                     && s.largestAllocation == initialFree - MemoryLayout<UInt>.size,
                 "freeing everything leaves one free block spanning the region (a header word apart)")
    }

    /// Random allocate / reallocate / free against a model of the live
    /// blocks; returns how many allocations succeeded.
    @discardableResult
    static func exercise<A: Allocator & ~Copyable>(_ heap: inout A, region: UnsafeMutableRawBufferPointer,
                                                   steps: Int, seed: UInt64, _ t: inout Checker) -> Int {
        var rng = seed
        func next() -> Int {
            rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17
            return Int(truncatingIfNeeded: rng >> 1) & .max  // non-negative on 32-bit targets too
        }
        var live: [(pointer: UnsafeMutableRawPointer, size: Int, fill: UInt8)] = []
        live.reserveCapacity(64)
        let lo = UInt(bitPattern: region.baseAddress), hi = lo + UInt(region.count)
        var contentsOK = true, boundsOK = true, alignOK = true, valid = true, statsOK = true
        var allocations = 0
        for step in 0..<steps {
            let action = next() % 10
            if live.isEmpty || (action < 5 && live.count < 64) {
                let size = next() % 700
                let alignment = 1 << (next() % 8)
                guard let p = try? heap.allocate(Layout(uncheckedSize: size, alignment: alignment)) else { continue }
                allocations += 1
                let a = UInt(bitPattern: p)
                if a < lo || a + UInt(size) > hi { boundsOK = false }
                if a % UInt(alignment) != 0 { alignOK = false }
                let fill = UInt8(truncatingIfNeeded: step)
                _ = memset(p, Int32(fill), size)
                live.append((p, size, fill))
            } else {
                let index = next() % live.count
                let block = live[index]
                for i in 0..<block.size where block.pointer.load(fromByteOffset: i, as: UInt8.self) != block.fill {
                    contentsOK = false
                }
                if action < 7 {
                    let newSize = next() % 900
                    if let q = try? heap.reallocate(block.pointer, from: Layout(uncheckedSize: block.size, alignment: 1), toSize: newSize) {
                        for i in 0..<min(block.size, newSize) where q.load(fromByteOffset: i, as: UInt8.self) != block.fill {
                            contentsOK = false
                        }
                        _ = memset(q, Int32(block.fill), newSize)
                        live[index] = (q, newSize, block.fill)
                    }
                } else {
                    do throws(AllocatorError) { try heap.deallocate(block.pointer, layout: Layout(uncheckedSize: block.size, alignment: 1)) } catch { valid = false }
                    live.remove(at: index)
                }
            }
            if heap.validate() != nil { valid = false }
            if heap.statistics.liveAllocations != live.count { statsOK = false }
        }
        for block in live {
            do throws(AllocatorError) { try heap.deallocate(block.pointer, layout: Layout(uncheckedSize: block.size, alignment: 1)) } catch { valid = false }
        }
        t.expect(contentsOK, "every block keeps its contents until freed")
        t.expect(boundsOK, "no block reaches outside the region")
        t.expect(alignOK, "every block is aligned as asked")
        t.expect(valid, "validate() is clean after every step")
        t.expect(statsOK && heap.statistics.liveAllocations == 0, "live-allocation count matches the model")
        return allocations
    }
}
