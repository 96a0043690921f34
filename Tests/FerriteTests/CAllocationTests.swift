import Ferrite
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The C ABI's rules, on each heap the runtime can be built with, 64 KiB each.
@Suite struct CAllocationTests {
    @Test(arguments: HeapKind.runtimeHeaps)
    func mallocFamilyEdgeCases(_ kind: HeapKind) throws {
        try kind.run(MallocFamilyEdgeCases(), region: TestRegion(bytes: 64 * 1024))
    }

    @Test(arguments: HeapKind.runtimeHeaps)
    func reallocKeepsOverAlignmentWhenItMoves(_ kind: HeapKind) throws {
        try kind.run(ReallocKeepsOverAlignment(), region: TestRegion(bytes: 64 * 1024))
    }

    @Test(arguments: HeapKind.runtimeHeaps)
    func usableSizeIsTheCallersToWrite(_ kind: HeapKind) throws {
        try kind.run(UsableSizeIsWritable(), region: TestRegion(bytes: 64 * 1024))
    }
}

struct MallocFamilyEdgeCases: HeapCheck {
    func run<A: Allocator & ~Copyable>(_ heap: inout A) throws {
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
        #expect(moved != nil && UInt(bitPattern: moved) % 1024 == 0, "realloc returned \(String(describing: moved))")

        let (fresh, _) = CAllocation.realloc(&heap, nil, size: 20)
        #expect(fresh != nil)
        let (shrunk, shrinkError) = CAllocation.realloc(&heap, fresh, size: 0)
        #expect(shrunk == fresh && shrinkError == nil, "realloc(p, 0) shrinks in place")
        let (failed, failError) = CAllocation.realloc(&heap, shrunk, size: 1 << 20)
        #expect(failed == nil && failError == nil, "exhaustion is a plain NULL, the block stays")
        #expect(CAllocation.usableSize(&heap, nil) == 0)
        #expect(CAllocation.alignedAlloc(&heap, alignment: 3, size: 8) == nil)
        let violation = heap.validate()
        #expect(violation == nil)
    }
}

/// `posix_memalign` at every alignment from 32 to 4096 bytes, then a
/// `realloc` that must move (a block sits right after): the new block keeps
/// the alignment, and the contents.
struct ReallocKeepsOverAlignment: HeapCheck {
    func run<A: Allocator & ~Copyable>(_ heap: inout A) throws {
        for shift in 5...12 {
            let alignment = 1 << shift
            var out: UnsafeMutableRawPointer? = nil
            #expect(CAllocation.posixMemalign(&heap, &out, alignment: alignment, size: 40) == 0)
            let p = try #require(out)
            memset(p, 0x3C, 40)
            // Small blocks until one lands above p: the alignment gap below p
            // is filled first, then the one right after p stops it growing.
            var blockers: [UnsafeMutableRawPointer] = []
            repeat { blockers.append(try #require(CAllocation.malloc(&heap, size: 16))) } while blockers.last! < p
            let (q, error) = CAllocation.realloc(&heap, p, size: 3000)
            #expect(error == nil)
            let moved = try #require(q)
            #expect(moved != p, "realloc grew in place although a block follows")
            #expect(UInt(bitPattern: moved) % UInt(alignment) == 0, "realloc of a \(alignment)-aligned block returned \(moved)")
            for i in 0..<40 where moved.load(fromByteOffset: i, as: UInt8.self) != 0x3C {
                Issue.record("byte \(i) changed in the move"); break
            }
            #expect(CAllocation.free(&heap, moved) == nil)
            for blocker in blockers { #expect(CAllocation.free(&heap, blocker) == nil) }
            let violation = heap.validate()
            #expect(violation == nil)
        }
    }
}

/// `malloc_usable_size` bytes are the caller's: at least the size asked for,
/// and writing all of them disturbs neither the heap nor the next block.
struct UsableSizeIsWritable: HeapCheck {
    func run<A: Allocator & ~Copyable>(_ heap: inout A) throws {
        for size in [0, 1, 7, 8, 15, 16, 17, 100, 1000] {
            let p = try #require(CAllocation.malloc(&heap, size: size))
            let next = try #require(CAllocation.malloc(&heap, size: 32))
            memset(next, 0xA5, 32)
            let usable = CAllocation.usableSize(&heap, p)
            #expect(usable >= size, "malloc(\(size)) has \(usable) usable bytes")
            memset(p, 0x11, usable)
            let violation = heap.validate()
            #expect(violation == nil, "after writing \(usable) usable bytes of malloc(\(size))")
            for i in 0..<32 where next.load(fromByteOffset: i, as: UInt8.self) != 0xA5 {
                Issue.record("writing malloc(\(size))'s \(usable) usable bytes changed the next block at \(i)"); break
            }
            #expect(CAllocation.free(&heap, next) == nil)
            #expect(CAllocation.free(&heap, p) == nil)
        }
    }
}
