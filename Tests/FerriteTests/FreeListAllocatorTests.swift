import Ferrite
import Testing

@Suite struct FreeListAllocatorTests {
    @Test func regionTooSmallForOneBlock() {
        let region = TestRegion(bytes: 40, offset: 1)
        var heap = FreeListAllocator(unsafeRegion: region.region)
        do { let ok = heap.statistics.bytesFree == 0; #expect(ok) }
        do { let error = thrown { () throws(AllocatorError) in try heap.allocate(Layout(uncheckedSize: 0, alignment: 1)) }; #expect(error == .outOfMemory) }
        do { let ok = heap.validate() == nil; #expect(ok) }
    }

    @Test func exhaustionExactlyAtCapacity() throws {
        let region = TestRegion(bytes: 4096)
        var heap = FreeListAllocator(unsafeRegion: region.region)
        let capacity = heap.statistics.bytesFree
        let word = MemoryLayout<UInt>.size
        let p = try heap.allocate(Layout(size: capacity - word, alignment: 1))
        do { let ok = heap.statistics.bytesFree == 0 && heap.statistics.bytesInUse == capacity; #expect(ok) }
        #expect(region.contains(p, count: capacity - word))
        do { let error = thrown { () throws(AllocatorError) in try heap.allocate(Layout(uncheckedSize: 0, alignment: 1)) }; #expect(error == .outOfMemory) }
        try heap.deallocate(p, layout: Layout(size: capacity - word, alignment: 1))
        do { let ok = heap.statistics.bytesFree == capacity; #expect(ok) }
        do { let error = thrown { () throws(AllocatorError) in try heap.allocate(Layout(uncheckedSize: capacity, alignment: 1)) }; #expect(error == .outOfMemory) }
    }

    @Test func validateFindsACorruptHeader() throws {
        let region = TestRegion(bytes: 4096)
        var heap = FreeListAllocator(unsafeRegion: region.region)
        let p = try heap.allocate(Layout(size: 32, alignment: 8))
        _ = try heap.allocate(Layout(size: 32, alignment: 8))
        do { let ok = heap.validate() == nil; #expect(ok) }
        // An underflow from the previous block zeroes p's header (size 0).
        (p - MemoryLayout<UInt>.size).storeBytes(of: 0x1, as: UInt.self)
        let violation = heap.validate()
        #expect(violation?.rule == .badBlockSize)
        #expect(violation?.address == UInt(bitPattern: p - MemoryLayout<UInt>.size))
    }
}
