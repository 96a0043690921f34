import Ferrite
import Testing

/// `statistics.largestAllocation` is what one allocation can really get:
/// that size succeeds, one byte more fails, on a fresh heap and on a
/// fragmented one, for every allocator.
@Suite struct LargestAllocationTests {
    @Test(arguments: HeapKind.allCases)
    func largestAllocationSucceedsAndOneByteMoreFails(_ kind: HeapKind) throws {
        let log = ReportLog()
        // The debug heap without quarantine: a freed block goes straight back, as on the others.
        try kind.run(LargestIsExact(), region: TestRegion(bytes: 256 * 1024, offset: 3), log: log, quarantine: 0)
        #expect(log.reports.isEmpty)
    }

    /// The issue's case: two free blocks in one TLSF size class, the larger
    /// (1040 bytes) not at the head of its list. Only the head is reachable
    /// in O(1), so a request for the larger block's payload fails, and
    /// largestAllocation says so.
    @Test func tlsfReportsTheHeadOfItsHighestClass() throws {
        let region = TestRegion(bytes: 64 * 1024)
        var heap = TLSFAllocator(unsafeRegion: region.region)
        let word = MemoryLayout<UInt>.size
        let large = try heap.allocate(Layout(size: 1040 - word, alignment: 8))   // a 1040-byte block
        _ = try heap.allocate(Layout(size: 16, alignment: 8))
        let small = try heap.allocate(Layout(size: 1024 - word, alignment: 8))   // a 1024-byte block, same class
        _ = try heap.allocate(Layout(size: 16, alignment: 8))
        for size in [4096, 256, 16, 0] { while (try? heap.allocate(Layout(size: size, alignment: 8))) != nil {} }
        try heap.deallocate(large, layout: Layout(size: 1040 - word, alignment: 8))
        try heap.deallocate(small, layout: Layout(size: 1024 - word, alignment: 8))   // now the head of the class
        let largest = heap.statistics.largestAllocation
        #expect(largest == 1024 - word)
        LargestIsExact().expectLargestIsExact(&heap, "two blocks in the highest class")
    }
}

/// On a fresh heap, then on a fragmented one.
struct LargestIsExact: HeapCheck {
    /// The property on the heap as it is (then restored): `largestAllocation`
    /// bytes at word alignment can be allocated, one more cannot (0 may also
    /// mean that nothing can be).
    func expectLargestIsExact<A: Allocator & ~Copyable>(_ heap: inout A, _ when: String) {
        let largest = heap.statistics.largestAllocation
        let layout = Layout(uncheckedSize: largest, alignment: MemoryLayout<UInt>.alignment)
        let p: UnsafeMutableRawPointer
        do throws(AllocatorError) { p = try heap.allocate(layout) } catch {
            if largest != 0 { Issue.record("\(when): allocate(largestAllocation = \(largest)) threw \(error)") }
            return
        }
        #expect(heap.usableSize(of: p) >= largest)
        do throws(AllocatorError) { try heap.deallocate(p, layout: layout) } catch {
            Issue.record("\(when): freeing it threw \(error)")
        }
        let more = thrown { () throws(AllocatorError) in try heap.allocate(Layout(uncheckedSize: largest + 1, alignment: 1)) }
        #expect(more != nil, "\(when): \(largest + 1) bytes could be allocated, above largestAllocation = \(largest)")
    }

    func run<A: Allocator & ~Copyable>(_ heap: inout A) throws {
        expectLargestIsExact(&heap, "fresh heap")
        // Fragment: blocks of many sizes until the heap is full, then every
        // other one freed.
        var rng = SeededGenerator(seed: testSeed(0x1A46_E570))
        var blocks: [(UnsafeMutableRawPointer, Layout)] = []
        while blocks.count < 10_000 {
            let layout = Layout(uncheckedSize: Int.random(in: 0...3000, using: &rng), alignment: 8)
            guard let p = try? heap.allocate(layout) else { break }
            blocks.append((p, layout))
        }
        for (i, (p, layout)) in blocks.enumerated() where i % 2 == 0 { try heap.deallocate(p, layout: layout) }
        #expect(blocks.count > 20, "the heap took only \(blocks.count) blocks")
        expectLargestIsExact(&heap, "fragmented heap")
        let violation = heap.validate()
        #expect(violation == nil)
    }
}
