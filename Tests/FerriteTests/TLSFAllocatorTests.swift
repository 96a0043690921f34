@testable import Ferrite
import Testing

@Suite struct TLSFAllocatorTests {
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
        do { let violation = heap.validate(); #expect(violation == nil) }
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
        do { let violation = heap.validate(); #expect(violation == nil) }
        for b in blocks { try heap.deallocate(b, layout: Layout(size: 0, alignment: 1)) }
        do { let s = heap.statistics; #expect(s.bytesFree == capacity && s.largestAllocation == capacity - word) }
    }

    @Test func validateFindsCorruption() throws {
        let region = TestRegion(bytes: 64 * 1024)
        var heap = TLSFAllocator(unsafeRegion: region.region)
        let p = try heap.allocate(Layout(size: 32, alignment: 8))
        let q = try heap.allocate(Layout(size: 32, alignment: 8))
        _ = try heap.allocate(Layout(size: 32, alignment: 8))
        try heap.deallocate(q, layout: Layout(size: 32, alignment: 8))
        do { let violation = heap.validate(); #expect(violation == nil) }
        // An overflow from p runs over q's header (a free block): its size goes wrong.
        (q - MemoryLayout<UInt>.size).storeBytes(of: 0x11, as: UInt.self)
        let violation = heap.validate()
        #expect(violation?.rule == .badBlockSize)
        #expect(violation?.address == UInt(bitPattern: q - MemoryLayout<UInt>.size))
        _ = p
    }
}
