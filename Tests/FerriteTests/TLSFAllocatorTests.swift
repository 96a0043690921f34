@testable import Ferrite
import Testing

@Suite struct TLSFAllocatorTests {
    /// A million operations (allocate, reallocate or free), validated every 10,000.
    @Test func millionOperations() {
        let seed = testSeed(0x715F_0002)
        print("TLSFAllocator 10^6-operation seed: \(seed)")
        let region = TestRegion(bytes: 1 << 20, offset: 1)
        var heap = TLSFAllocator(unsafeRegion: region.region)
        exerciseAgainstModel(&heap, region: region, seed: seed, steps: 1_000_000, maxLive: 300, maxSize: 2048, validateEvery: 10_000)
        do { let s = heap.statistics; #expect(s.liveAllocations == 0 && s.bytesInUse == 0) }
    }

    @Test func randomizedAgainstShadowModel() {
        let seed = testSeed(0x715F_0001)
        print("TLSFAllocator randomized seed: \(seed)")
        let region = TestRegion(bytes: 256 * 1024, offset: 3)
        var heap = TLSFAllocator(unsafeRegion: region.region)
        let initial = heap.statistics
        exerciseAgainstModel(&heap, region: region, seed: seed, steps: 20_000)
        let end = heap.statistics
        #expect(end.liveAllocations == 0)
        #expect(end.bytesFree == initial.bytesFree)
        #expect(end.largestFreeBlock == initial.bytesFree, "freeing everything leaves one free block")
    }

    @Test func sizeClassMapping() {
        // Every size maps to a class whose search mapping never goes below it,
        // and search rounding finds a class whose smallest block fits.
        var size: UInt = 32
        while size < 1 << 30 {
            // List indices grow with size: the search list is never below the exact one.
            #expect(TLSFAllocator.searchMapping(size) >= TLSFAllocator.mapping(size))
            size = size + size / 7 + 16
        }
        #expect(TLSFAllocator.mapping(32) == 2 || MemoryLayout<UInt>.size == 4)
    }

    @Test func regionTooSmall() {
        let region = TestRegion(bytes: 512, offset: 1)
        var heap = TLSFAllocator(unsafeRegion: region.region)
        do { let free = heap.statistics.bytesFree; #expect(free == 0) }
        do { let error = thrown { () throws(AllocatorError) in try heap.allocate(Layout(uncheckedSize: 0, alignment: 1)) }; #expect(error == .outOfMemory) }
        do { let ok = heap.validate() == nil; #expect(ok) }
    }

    @Test func exhaustionExactlyAtCapacity() throws {
        let region = TestRegion(bytes: 64 * 1024)
        var heap = TLSFAllocator(unsafeRegion: region.region)
        let capacity = heap.statistics.bytesFree
        let word = MemoryLayout<UInt>.size
        // The whole heap as one block: good fit alone would round the search
        // past the only free block; the exact-class look finds it.
        let p = try heap.allocate(Layout(size: capacity - word, alignment: 1))
        #expect(region.contains(p, count: capacity - word))
        do { let s = heap.statistics; #expect(s.bytesFree == 0 && s.bytesInUse == capacity) }
        do { let error = thrown { () throws(AllocatorError) in try heap.allocate(Layout(uncheckedSize: 0, alignment: 1)) }; #expect(error == .outOfMemory) }
        try heap.deallocate(p, layout: Layout(size: 0, alignment: 1))
        do { let error = thrown { () throws(AllocatorError) in try heap.allocate(Layout(uncheckedSize: capacity, alignment: 1)) }; #expect(error == .outOfMemory) }

        // Filling with many blocks until the first refusal leaves less than one block's worth.
        var blocks: [UnsafeMutableRawPointer] = []
        while let b = try? heap.allocate(Layout(size: 1000 - word, alignment: 1)) { blocks.append(b) }
        do { let s = heap.statistics; #expect(s.bytesFree < 1000) }
        do { let ok = heap.validate() == nil; #expect(ok) }
        for b in blocks { try heap.deallocate(b, layout: Layout(size: 0, alignment: 1)) }
        do { let s = heap.statistics; #expect(s.bytesFree == capacity && s.largestFreeBlock == capacity) }
    }

    @Test func zeroSizeAndHugeAlignment() throws {
        let region = TestRegion(bytes: 256 * 1024, offset: 8)
        var heap = TLSFAllocator(unsafeRegion: region.region)
        let a = try heap.allocate(Layout(size: 0, alignment: 1))
        let b = try heap.allocate(Layout(size: 0, alignment: 1))
        #expect(a != b)
        let before = heap.statistics.bytesFree
        let big = try heap.allocate(Layout(size: 100, alignment: 16 * 1024))
        #expect(UInt(bitPattern: big) % (16 * 1024) == 0)
        do { let s = heap.statistics; #expect(before - s.bytesFree < 256, "the alignment gap went back to the heap") }
        do { let ok = heap.validate() == nil; #expect(ok) }
        do { let error = thrown { () throws(AllocatorError) in try heap.allocate(Layout(uncheckedSize: 1, alignment: 1 << 30)) }; #expect(error == .outOfMemory) }
        for p in [a, b, big] { try heap.deallocate(p, layout: Layout(size: 0, alignment: 1)) }
        do { let ok = heap.validate() == nil && heap.statistics.liveAllocations == 0; #expect(ok) }
    }

    @Test func reallocateSameSmallerLarger() throws {
        let region = TestRegion(bytes: 64 * 1024)
        var heap = TLSFAllocator(unsafeRegion: region.region)
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
        do { let ok = heap.validate() == nil; #expect(ok) }
        try heap.deallocate(blocker, layout: Layout(size: 16, alignment: 8))
        try heap.deallocate(moved, layout: Layout(size: 3000, alignment: 8))
        do { let ok = heap.statistics.liveAllocations == 0 && heap.validate() == nil; #expect(ok) }
    }

    @Test func reallocateKeepsOverAlignment() throws {
        let region = TestRegion(bytes: 64 * 1024)
        var heap = TLSFAllocator(unsafeRegion: region.region)
        let p = try heap.allocate(Layout(size: 40, alignment: 512))
        while UInt(bitPattern: try heap.allocate(Layout(size: 40, alignment: 8))) < UInt(bitPattern: p) {}
        let q = try heap.reallocate(p, from: Layout(size: 40, alignment: 512), toSize: 5000)
        #expect(q != p && UInt(bitPattern: q) % 512 == 0)
        do { let ok = heap.validate() == nil; #expect(ok) }
    }

    @Test func doubleFreeAndForeignPointersAreReported() throws {
        let region = TestRegion(bytes: 64 * 1024)
        var heap = TLSFAllocator(unsafeRegion: region.region)
        let a = try heap.allocate(Layout(size: 64, alignment: 8))
        let b = try heap.allocate(Layout(size: 64, alignment: 8))
        _ = try heap.allocate(Layout(size: 64, alignment: 8))
        try heap.deallocate(a, layout: Layout(size: 64, alignment: 8))
        do { let error = thrown { () throws(AllocatorError) in try heap.deallocate(a, layout: Layout(uncheckedSize: 64, alignment: 8)) }; #expect(error == .doubleFree) }
        try heap.deallocate(b, layout: Layout(size: 64, alignment: 8))
        // b merged into a's free block: its old header is marked, still a double free.
        do { let error = thrown { () throws(AllocatorError) in try heap.deallocate(b, layout: Layout(uncheckedSize: 64, alignment: 8)) }; #expect(error == .doubleFree) }
        var local = 0
        withUnsafeMutablePointer(to: &local) { foreign in
            do { let error = thrown { () throws(AllocatorError) in try heap.deallocate(UnsafeMutableRawPointer(foreign), layout: Layout(uncheckedSize: 8, alignment: 8)) }; #expect(error == .invalidPointer) }
        }
        let c = try heap.allocate(Layout(size: 64, alignment: 8))
        do { let error = thrown { () throws(AllocatorError) in try heap.deallocate(c + 8, layout: Layout(uncheckedSize: 8, alignment: 8)) }; #expect(error == .invalidPointer) }
        do { let ok = heap.validate() == nil && heap.statistics.liveAllocations == 2; #expect(ok) }
    }

    @Test func severalRegions() throws {
        let first = TestRegion(bytes: 16 * 1024), second = TestRegion(bytes: 4096, offset: 1)
        var heap = TLSFAllocator(unsafeRegion: first.region)
        let added = heap.addRegion(second.region)
        #expect(added)
        let capacity = heap.statistics.bytesFree
        var blocks: [UnsafeMutableRawPointer] = []
        while let p = try? heap.allocate(Layout(size: 100, alignment: 8)) { blocks.append(p) }
        #expect(blocks.contains { first.contains($0, count: 100) } && blocks.contains { second.contains($0, count: 100) })
        do { let ok = heap.validate() == nil; #expect(ok) }
        for p in blocks { try heap.deallocate(p, layout: Layout(size: 100, alignment: 8)) }
        do { let ok = heap.statistics.bytesFree == capacity && heap.validate() == nil; #expect(ok) }
    }

    @Test func validateFindsCorruption() throws {
        let region = TestRegion(bytes: 64 * 1024)
        var heap = TLSFAllocator(unsafeRegion: region.region)
        let p = try heap.allocate(Layout(size: 32, alignment: 8))
        let q = try heap.allocate(Layout(size: 32, alignment: 8))
        _ = try heap.allocate(Layout(size: 32, alignment: 8))
        try heap.deallocate(q, layout: Layout(size: 32, alignment: 8))
        do { let ok = heap.validate() == nil; #expect(ok) }
        // An overflow from p runs over q's header (a free block): its size goes wrong.
        (q - MemoryLayout<UInt>.size).storeBytes(of: 0x11, as: UInt.self)
        let violation = heap.validate()
        #expect(violation?.rule == .badBlockSize)
        #expect(violation?.address == UInt(bitPattern: q - MemoryLayout<UInt>.size))
        _ = p
    }
}
