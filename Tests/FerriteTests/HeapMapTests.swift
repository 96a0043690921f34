@testable import Ferrite
import Testing

@Suite struct HeapMapTests {
    /// Allocates and frees a pattern, then checks the walk against the heap's own counters.
    func walkAgreesWithStatistics<A: HeapWalkable & ~Copyable>(_ heap: inout A, tiles: Bool) throws {
        var blocks: [UnsafeMutableRawPointer] = []
        for i in 0..<40 { blocks.append(try heap.allocate(Layout(size: 24 + i * 13, alignment: i % 7 == 0 ? 64 : 8))) }
        for i in stride(from: 0, to: 40, by: 3) {
            try heap.deallocate(blocks[i], layout: Layout(size: 24 + i * 13, alignment: i % 7 == 0 ? 64 : 8))
        }
        var walked: [HeapBlock] = []
        heap.walkBlocks { walked.append($0) }
        let used = walked.filter { $0.kind == .used }
        let stats = heap.statistics
        #expect(used.count == stats.liveAllocations)
        #expect(used.reduce(0) { $0 + $1.size } == stats.bytesInUse)
        #expect(walked.allSatisfy { $0.kind != .used || $0.overhead > 0 })
        #expect(zip(walked, walked.dropFirst()).allSatisfy { $0.address + UInt($0.size) <= $1.address }, "address order")
        if tiles {
            #expect(zip(walked, walked.dropFirst()).allSatisfy { $0.address + UInt($0.size) == $1.address }, "blocks tile the region")
        }
        let share = heap.largestFreeShare()
        #expect(share > 0 && share <= 1)
    }

    @Test func tlsfWalk() throws {
        let region = TestRegion(bytes: 256 * 1024)
        var heap = TLSFAllocator(unsafeRegion: region.region)
        try walkAgreesWithStatistics(&heap, tiles: true)
    }

    @Test func freeListWalk() throws {
        let region = TestRegion(bytes: 256 * 1024)
        var heap = FreeListAllocator(unsafeRegion: region.region)
        try walkAgreesWithStatistics(&heap, tiles: true)
    }

    @Test func bumpWalkShowsStrandedBlocks() throws {
        let region = TestRegion(bytes: 256 * 1024)
        var heap = BumpAllocator(unsafeRegion: region.region)
        try walkAgreesWithStatistics(&heap, tiles: false)
        var stranded = 0
        heap.walkBlocks { if $0.kind == .stranded { stranded += 1 } }
        // 14 frees; the last block's (#39) gives its bytes back, the other 13 stay stranded.
        #expect(stranded == 13)
    }

    @Test func textFormListsEveryBlock() throws {
        let region = TestRegion(bytes: 64 * 1024)
        var heap = TLSFAllocator(unsafeRegion: region.region)
        let a = try heap.allocate(Layout(size: 100, alignment: 8))
        _ = try heap.allocate(Layout(size: 200, alignment: 8))
        try heap.deallocate(a, layout: Layout(size: 100, alignment: 8))
        var bytes: [UInt8] = []
        HeapMapText.write(heap, label: "test") { bytes.append($0) }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.first?.hasPrefix("heapmap test 0x") == true)
        #expect(lines.last == "end heapmap")
        let body = lines.dropFirst().dropLast()
        #expect(body.map { $0.first } == ["F", "U", "F"])
        #expect(body.first?.split(separator: " ")[1] == "0")
        #expect(lines.first?.split(separator: " ").last == "3")
    }
}
