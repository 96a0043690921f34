import Ferrite
import Testing

/// Every allocator checks the layout passed to `deallocate` and `reallocate`
/// against the block (Allocator.swift documents the rule): a layout that does
/// not fit is `.layoutMismatch`, and the heap is unchanged.
@Suite struct DeallocateLayoutTests {
    @Test(arguments: HeapKind.allCases)
    func aLayoutThatDoesNotFitTheBlockIsRefused(_ kind: HeapKind) throws {
        let log = ReportLog()
        try kind.run(RefusesLayoutsThatDoNotFit(exact: kind == .debugHeap), region: TestRegion(bytes: 64 * 1024), log: log)
        if kind == .debugHeap {
            // Each refusal is reported, naming the layout given (the first two: the issue's).
            #expect(log.reports.count == 8, "reports: \(log.kinds)")
            #expect(Array(log.kinds.prefix(2)) == [.layoutMismatch(size: 4096, alignment: 4096), .layoutMismatch(size: 4096, alignment: 4096)])
            #expect(log.kinds.allSatisfy { if case .layoutMismatch = $0 { true } else { false } }, "reports: \(log.kinds)")
        }
    }
}

struct RefusesLayoutsThatDoNotFit: HeapCheck {
    /// The heap wants the very layout (DebugHeap), not one that fits.
    let exact: Bool

    func run<A: Allocator & ~Copyable>(_ heap: inout A) throws {
        let layout = try Layout(size: 64, alignment: 16)
        let p = try heap.allocate(layout)
        let over = try Layout(size: 40, alignment: 512)
        let q = try heap.allocate(over)
        let before = heap.statistics
        func refused(_ pointer: UnsafeMutableRawPointer, _ wrong: Layout, _ heap: inout A) -> [AllocatorError?] {
            [thrown { () throws(AllocatorError) in try heap.deallocate(pointer, layout: wrong) },
             thrown { () throws(AllocatorError) in try heap.reallocate(pointer, from: wrong, toSize: 200) }]
        }
        // The case: a 64-byte, 16-aligned block freed as 4096 bytes aligned to 4096.
        #expect(refused(p, Layout(uncheckedSize: 4096, alignment: 4096), &heap) == [.layoutMismatch, .layoutMismatch])
        // One byte more than the block's usable size; an alignment its address lacks.
        let usable = heap.usableSize(of: p)
        let addressAlignment = 1 << UInt(bitPattern: p).trailingZeroBitCount
        let tooLarge = thrown { () throws(AllocatorError) in try heap.deallocate(p, layout: Layout(uncheckedSize: usable + 1, alignment: 16)) }
        #expect(tooLarge == .layoutMismatch, "freeing \(usable + 1) bytes of a block with \(usable) usable")
        let misaligned = thrown { () throws(AllocatorError) in try heap.deallocate(p, layout: Layout(uncheckedSize: 64, alignment: 2 * addressAlignment)) }
        #expect(misaligned == .layoutMismatch, "freeing a block at \(p) as aligned to \(2 * addressAlignment)")
        let reallocTooLarge = thrown { () throws(AllocatorError) in try heap.reallocate(p, from: Layout(uncheckedSize: usable + 1, alignment: 16), toSize: 8) }
        #expect(reallocTooLarge == .layoutMismatch)
        // An over-aligned block (TLSF and the free list keep its alignment in its last word).
        let overUsable = heap.usableSize(of: q)
        let overTooLarge = thrown { () throws(AllocatorError) in try heap.deallocate(q, layout: Layout(uncheckedSize: overUsable + 1, alignment: 512)) }
        #expect(overTooLarge == .layoutMismatch, "freeing \(overUsable + 1) bytes of an over-aligned block with \(overUsable) usable")
        if exact {
            // Smaller than allocated, in size or alignment: fits, but is not the block's layout.
            let smaller = thrown { () throws(AllocatorError) in try heap.deallocate(p, layout: Layout(uncheckedSize: 63, alignment: 16)) }
            #expect(smaller == .layoutMismatch)
            let lessAligned = thrown { () throws(AllocatorError) in try heap.deallocate(p, layout: Layout(uncheckedSize: 64, alignment: 8)) }
            #expect(lessAligned == .layoutMismatch)
        }
        let after = heap.statistics
        #expect(after == before, "a refused call changed the counters")
        let violation = heap.validate()
        #expect(violation == nil)
        // The block's own layout, and the unknown layout C's free passes, are accepted.
        try heap.deallocate(q, layout: over)
        try heap.deallocate(p, layout: .unknown)
        let live = heap.statistics.liveAllocations
        #expect(live == 0)
    }
}
