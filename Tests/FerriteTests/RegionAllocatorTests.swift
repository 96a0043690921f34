import Ferrite
import Testing

/// The allocators that take several caller-supplied regions. The checks in
/// this file are written once, generically, and run on each of them.
protocol RegionAllocator: Allocator, ~Copyable {
    init(unsafeRegion region: UnsafeMutableRawBufferPointer)
    mutating func addRegion(_ region: UnsafeMutableRawBufferPointer) -> Bool
}

extension FreeListAllocator: RegionAllocator {}
extension TLSFAllocator: RegionAllocator {}

enum RegionAllocatorKind: String, CaseIterable, CustomTestStringConvertible {
    case freeList, tlsf
    var testDescription: String { rawValue }
}

@Suite struct RegionAllocatorTests {
    /// Runs `check` with the allocator type `kind` names.
    func on(_ kind: RegionAllocatorKind, _ check: (any RegionAllocatorCheck)) throws {
        switch kind {
        case .freeList: try check.run(FreeListAllocator.self)
        case .tlsf: try check.run(TLSFAllocator.self)
        }
    }

    @Test(arguments: RegionAllocatorKind.allCases)
    func millionOperations(_ kind: RegionAllocatorKind) throws { try on(kind, MillionOperations(kind: kind)) }

    @Test(arguments: RegionAllocatorKind.allCases)
    func randomizedAgainstShadowModel(_ kind: RegionAllocatorKind) throws { try on(kind, Randomized(kind: kind)) }

    @Test(arguments: RegionAllocatorKind.allCases)
    func zeroSizeAndHugeAlignment(_ kind: RegionAllocatorKind) throws { try on(kind, ZeroSizeAndHugeAlignment()) }

    @Test(arguments: RegionAllocatorKind.allCases)
    func reallocateSameSmallerLarger(_ kind: RegionAllocatorKind) throws { try on(kind, ReallocateSameSmallerLarger()) }

    @Test(arguments: RegionAllocatorKind.allCases)
    func reallocateKeepsOverAlignment(_ kind: RegionAllocatorKind) throws { try on(kind, ReallocateKeepsOverAlignment()) }

    @Test(arguments: RegionAllocatorKind.allCases)
    func doubleFreeAndForeignPointersAreReported(_ kind: RegionAllocatorKind) throws { try on(kind, BadFrees()) }

    @Test(arguments: RegionAllocatorKind.allCases)
    func severalRegions(_ kind: RegionAllocatorKind) throws { try on(kind, SeveralRegions()) }
}

/// One check, generic over the allocator type.
protocol RegionAllocatorCheck {
    func run<A: RegionAllocator & ~Copyable>(_ type: A.Type) throws
}

struct MillionOperations: RegionAllocatorCheck {
    let kind: RegionAllocatorKind
    /// A million operations (allocate, reallocate or free), validated every 10,000.
    func run<A: RegionAllocator & ~Copyable>(_ type: A.Type) {
        let seed = testSeed(kind == .tlsf ? 0x715F_0002 : 0xF4EE_0002)
        print("\(kind) 10^6-operation seed: \(seed)")
        let region = TestRegion(bytes: 1 << 20, offset: 1)
        var heap = A(unsafeRegion: region.region)
        exerciseAgainstModel(&heap, region: region, seed: seed, steps: 1_000_000, maxLive: 300, maxSize: 2048, validateEvery: 10_000)
        do { let s = heap.statistics; #expect(s.liveAllocations == 0 && s.bytesInUse == 0) }
    }
}

struct Randomized: RegionAllocatorCheck {
    let kind: RegionAllocatorKind
    /// 20,000 operations, validated after every one.
    func run<A: RegionAllocator & ~Copyable>(_ type: A.Type) {
        let seed = testSeed(kind == .tlsf ? 0x715F_0001 : 0xF4EE_0001)
        print("\(kind) randomized seed: \(seed)")
        let region = TestRegion(bytes: 256 * 1024, offset: 3)
        var heap = A(unsafeRegion: region.region)
        let initial = heap.statistics
        exerciseAgainstModel(&heap, region: region, seed: seed, steps: 20_000)
        let end = heap.statistics
        #expect(end.liveAllocations == 0)
        #expect(end.bytesFree == initial.bytesFree)
        #expect(end.largestAllocation == initial.bytesFree - MemoryLayout<UInt>.size, "freeing everything leaves one free block")
    }
}

struct ZeroSizeAndHugeAlignment: RegionAllocatorCheck {
    func run<A: RegionAllocator & ~Copyable>(_ type: A.Type) throws {
        let region = TestRegion(bytes: 256 * 1024, offset: 8)
        var heap = A(unsafeRegion: region.region)
        let a = try heap.allocate(Layout(size: 0, alignment: 1))
        let b = try heap.allocate(Layout(size: 0, alignment: 1))
        #expect(a != b)
        let before = heap.statistics.bytesFree
        let big = try heap.allocate(Layout(size: 100, alignment: 16 * 1024))
        #expect(UInt(bitPattern: big) % (16 * 1024) == 0)
        do { let s = heap.statistics; #expect(before - s.bytesFree < 256, "the alignment gap went back to the heap") }
        do { let violation = heap.validate(); #expect(violation == nil) }
        do { let error = thrown { () throws(AllocatorError) in try heap.allocate(Layout(uncheckedSize: 1, alignment: 1 << 30)) }; #expect(error == .outOfMemory) }
        for p in [a, b, big] { try heap.deallocate(p, layout: Layout(size: 0, alignment: 1)) }
        do { let violation = heap.validate(); let s = heap.statistics; #expect(violation == nil); #expect(s.liveAllocations == 0) }
    }
}

struct ReallocateSameSmallerLarger: RegionAllocatorCheck {
    func run<A: RegionAllocator & ~Copyable>(_ type: A.Type) throws {
        let region = TestRegion(bytes: 64 * 1024)
        var heap = A(unsafeRegion: region.region)
        let p = try heap.allocate(Layout(size: 100, alignment: 8))
        p.initializeMemory(as: UInt8.self, repeating: 7, count: 100)
        let same = try heap.reallocate(p, from: Layout(size: 100, alignment: 8), toSize: 100)
        #expect(same == p)
        let smaller = try heap.reallocate(p, from: Layout(size: 100, alignment: 8), toSize: 10)
        #expect(smaller == p, "shrinks in place")
        let larger = try heap.reallocate(p, from: Layout(size: 10, alignment: 8), toSize: 1000)
        #expect(larger == p, "grows in place into the free neighbour")
        for i in 0..<10 { #expect(larger.load(fromByteOffset: i, as: UInt8.self) == 7) }
        let blocker = try heap.allocate(Layout(size: 16, alignment: 8))
        #expect(UInt(bitPattern: blocker) > UInt(bitPattern: p))
        let moved = try heap.reallocate(larger, from: Layout(size: 1000, alignment: 8), toSize: 3000)
        #expect(moved != p, "moves when the neighbour is taken")
        for i in 0..<10 { #expect(moved.load(fromByteOffset: i, as: UInt8.self) == 7) }
        do { let violation = heap.validate(); #expect(violation == nil) }
        try heap.deallocate(blocker, layout: Layout(size: 16, alignment: 8))
        try heap.deallocate(moved, layout: Layout(size: 3000, alignment: 8))
        do { let s = heap.statistics; let violation = heap.validate(); #expect(s.liveAllocations == 0); #expect(violation == nil) }
    }
}

struct ReallocateKeepsOverAlignment: RegionAllocatorCheck {
    func run<A: RegionAllocator & ~Copyable>(_ type: A.Type) throws {
        let region = TestRegion(bytes: 64 * 1024)
        var heap = A(unsafeRegion: region.region)
        let p = try heap.allocate(Layout(size: 40, alignment: 512))
        // Take blocks until one sits right after p, so p cannot grow in place.
        while UInt(bitPattern: try heap.allocate(Layout(size: 40, alignment: 8))) < UInt(bitPattern: p) {}
        let q = try heap.reallocate(p, from: Layout(size: 40, alignment: 512), toSize: 5000)
        #expect(q != p && UInt(bitPattern: q) % 512 == 0)
        do { let violation = heap.validate(); #expect(violation == nil) }
    }
}

struct BadFrees: RegionAllocatorCheck {
    func run<A: RegionAllocator & ~Copyable>(_ type: A.Type) throws {
        let region = TestRegion(bytes: 64 * 1024)
        var heap = A(unsafeRegion: region.region)
        let a = try heap.allocate(Layout(size: 64, alignment: 8))
        let b = try heap.allocate(Layout(size: 64, alignment: 8))
        _ = try heap.allocate(Layout(size: 64, alignment: 8))
        let old = Layout(uncheckedSize: 64, alignment: 8)
        try heap.deallocate(a, layout: Layout(size: 64, alignment: 8))
        do { let error = thrown { () throws(AllocatorError) in try heap.deallocate(a, layout: old) }; #expect(error == .doubleFree) }
        do { let error = thrown { () throws(AllocatorError) in try heap.reallocate(a, from: old, toSize: 64) }; #expect(error == .doubleFree, "realloc after free") }
        try heap.deallocate(b, layout: Layout(size: 64, alignment: 8))
        // b merged into the free block before it: still a double free, for
        // free and for realloc (growing, same size and shrinking).
        do { let error = thrown { () throws(AllocatorError) in try heap.deallocate(b, layout: old) }; #expect(error == .doubleFree) }
        for newSize in [200, 64, 8] {
            let error = thrown { () throws(AllocatorError) in try heap.reallocate(b, from: old, toSize: newSize) }
            #expect(error == .doubleFree, "realloc(b, \(newSize)) of a freed and merged block")
        }
        var local = 0
        withUnsafeMutablePointer(to: &local) { foreign in
            do { let error = thrown { () throws(AllocatorError) in try heap.deallocate(UnsafeMutableRawPointer(foreign), layout: Layout(uncheckedSize: 8, alignment: 8)) }; #expect(error == .invalidPointer) }
        }
        let c = try heap.allocate(Layout(size: 64, alignment: 8))
        do { let error = thrown { () throws(AllocatorError) in try heap.deallocate(c + 8, layout: Layout(uncheckedSize: 8, alignment: 8)) }; #expect(error == .invalidPointer) }
        do { let violation = heap.validate(); let s = heap.statistics; #expect(violation == nil); #expect(s.liveAllocations == 2) }
    }
}

struct SeveralRegions: RegionAllocatorCheck {
    func run<A: RegionAllocator & ~Copyable>(_ type: A.Type) throws {
        let first = TestRegion(bytes: 16 * 1024), second = TestRegion(bytes: 4096, offset: 1)
        var heap = A(unsafeRegion: first.region)
        let added = heap.addRegion(second.region)
        #expect(added)
        let capacity = heap.statistics.bytesFree
        var blocks: [UnsafeMutableRawPointer] = []
        while let p = try? heap.allocate(Layout(size: 100, alignment: 8)) { blocks.append(p) }
        #expect(blocks.contains { first.contains($0, count: 100) } && blocks.contains { second.contains($0, count: 100) })
        do { let violation = heap.validate(); #expect(violation == nil) }
        for p in blocks { try heap.deallocate(p, layout: Layout(size: 100, alignment: 8)) }
        do { let s = heap.statistics; let violation = heap.validate(); #expect(s.bytesFree == capacity); #expect(violation == nil) }
    }
}
