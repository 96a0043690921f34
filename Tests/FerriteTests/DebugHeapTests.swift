@testable import Ferrite
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Collects a debug heap's reports (the heap runs with `continueAfterReport`).
final class ReportLog {
    var reports: [DebugHeapReport] = []
    var kinds: [DebugHeapReport.Kind] { reports.map(\.kind) }
}

/// A TLSF heap of `bytes` wrapped in a debug heap that records its reports and goes on.
func makeDebugHeap(_ region: TestRegion, quarantine: Int = 4, log: ReportLog) throws -> DebugHeap<TLSFAllocator> {
    try DebugHeap(wrapping: TLSFAllocator(unsafeRegion: region.region), quarantineCapacity: quarantine,
                  continueAfterReport: true, onReport: { log.reports.append($0) },
                  stop: { Issue.record("stop() called in continue mode") })
}

@Suite struct DebugHeapTests {
    @Test func cleanUseReportsNothingAndGivesEverythingBack() throws {
        let region = TestRegion(bytes: 64 * 1024)
        let log = ReportLog()
        var heap = try makeDebugHeap(region, log: log)
        let before = heap.statistics.bytesInUse
        let p = try heap.allocate(Layout(size: 48, alignment: 8))
        let q = try heap.allocate(Layout(size: 100, alignment: 64))
        #expect(UInt(bitPattern: q) % 64 == 0)
        #expect(heap.usableSize(of: p) == 48)
        #expect(p.load(fromByteOffset: 0, as: UInt8.self) == DebugHeap<TLSFAllocator>.freshByte)
        memset(p, 0x11, 48)
        memset(q, 0x22, 100)
        do { let violation = heap.validate(); #expect(violation == nil) }
        try heap.deallocate(p, layout: Layout(size: 48, alignment: 8))
        try heap.deallocate(q, layout: Layout(size: 100, alignment: 64))
        #expect(heap.quarantinedBlockCount == 2 && heap.liveBlockCount == 0)
        heap.drainQuarantine()
        do { let s = heap.statistics; #expect(s.bytesInUse == before && s.liveAllocations == 0) }
        #expect(log.reports.isEmpty)
    }

    @Test func overflowAndUnderflowNameTheBlockAndTheBytes() throws {
        let region = TestRegion(bytes: 64 * 1024)
        let log = ReportLog()
        var heap = try makeDebugHeap(region, log: log)
        _ = try heap.allocate(Layout(size: 16, alignment: 8))        // block #1
        let p = try heap.allocate(Layout(size: 48, alignment: 8))    // block #2
        p.storeBytes(of: 0xAB, toByteOffset: 48, as: UInt8.self)     // one past the end
        p.storeBytes(of: 0xAB, toByteOffset: 50, as: UInt8.self)
        do {
            let v = heap.validate()
            #expect(v?.rule == .guardDamaged && v?.value == 2 && v?.address == UInt(bitPattern: p))
        }
        let r = try heap.allocate(Layout(size: 32, alignment: 8))    // block #3
        (r - 3).storeBytes(of: 0, as: UInt32.self)                   // 3 bytes before, plus the first payload byte
        try heap.deallocate(p, layout: Layout(size: 48, alignment: 8))
        try heap.deallocate(r, layout: Layout(size: 32, alignment: 8))
        #expect(log.kinds == [.overflow(bytes: 2), .underflow(bytes: 3)])
        #expect(log.reports[0].serial == 2 && log.reports[0].size == 48 && log.reports[0].address == UInt(bitPattern: p))
        #expect(log.reports[1].serial == 3 && log.reports[1].size == 32)
    }

    /// Under `continueAfterReport`, damage found in a block's guards when it
    /// is freed is reported, and the free still succeeds: the pointer and
    /// layout are right, the damage was done earlier. The guard is repaired
    /// once reported, so leaving quarantine does not report it again.
    @Test func anOverflowFoundOnFreeIsReportedOnceAndTheFreeSucceeds() throws {
        let region = TestRegion(bytes: 64 * 1024)
        let log = ReportLog()
        var heap = try makeDebugHeap(region, quarantine: 2, log: log)
        let p = try heap.allocate(Layout(size: 24, alignment: 8))
        p.storeBytes(of: 0xAB, toByteOffset: 24, as: UInt8.self)   // one past the end
        let error = thrown { () throws(AllocatorError) in try heap.deallocate(p, layout: Layout(uncheckedSize: 24, alignment: 8)) }
        #expect(error == nil, "the free of a valid block with a damaged guard failed")
        #expect(heap.liveBlockCount == 0)
        #expect(heap.quarantinedBlockCount == 1)
        heap.drainQuarantine()
        #expect(log.kinds == [.overflow(bytes: 1)])
        let violation = heap.validate()
        #expect(violation == nil)
        let s = heap.statistics
        #expect(s.liveAllocations == 0)
    }

    @Test func writeAfterFreeIsFoundWhenTheBlockLeavesQuarantine() throws {
        let region = TestRegion(bytes: 64 * 1024)
        let log = ReportLog()
        var heap = try makeDebugHeap(region, quarantine: 2, log: log)
        let victim = try heap.allocate(Layout(size: 64, alignment: 8))
        try heap.deallocate(victim, layout: Layout(size: 64, alignment: 8))
        #expect(victim.load(fromByteOffset: 10, as: UInt8.self) == DebugHeap<TLSFAllocator>.poisonByte)
        victim.storeBytes(of: 0x1234_5678, toByteOffset: 8, as: UInt32.self)   // the dangling write
        do { let v = heap.validate(); #expect(v?.rule == .poisonDamaged && v?.value == 4) }
        for _ in 0..<2 {   // two more frees push the victim out of a 2-block quarantine
            let other = try heap.allocate(Layout(size: 8, alignment: 8))
            try heap.deallocate(other, layout: Layout(size: 8, alignment: 8))
        }
        #expect(log.kinds == [.writeAfterFree(bytes: 4, offset: 8)])
        #expect(log.reports.first?.serial == 1 && log.reports.first?.size == 64)
    }

    @Test func badFreesAreReportedRefusedAndChangeNothing() throws {
        let region = TestRegion(bytes: 64 * 1024)
        let log = ReportLog()
        var heap = try makeDebugHeap(region, log: log)
        let p = try heap.allocate(Layout(size: 40, alignment: 8))
        let keep = try heap.allocate(Layout(size: 40, alignment: 8))
        try heap.deallocate(p, layout: Layout(size: 40, alignment: 8))
        let layout = Layout(uncheckedSize: 40, alignment: 8)
        #expect(thrown { () throws(AllocatorError) in try heap.deallocate(p, layout: layout) } == .doubleFree)
        #expect(thrown { () throws(AllocatorError) in try heap.reallocate(p, from: layout, toSize: 80) } == .doubleFree)
        #expect(thrown { () throws(AllocatorError) in try heap.deallocate(keep + 8, layout: layout) } == .invalidPointer)
        #expect(thrown { () throws(AllocatorError) in try heap.deallocate(keep + 3, layout: layout) } == .invalidPointer)
        var onStack = 0
        let foreign = withUnsafeMutableBytes(of: &onStack) { $0.baseAddress! }
        #expect(thrown { () throws(AllocatorError) in try heap.deallocate(foreign, layout: layout) } == .invalidPointer)
        #expect(log.kinds == [.doubleFree, .doubleFree, .interiorPointer(offset: 8), .misalignedPointer, .foreignPointer])
        #expect(log.reports[0].serial == 1 && log.reports[1].serial == 1 && log.reports[2].serial == 2)
        #expect(heap.liveBlockCount == 1 && heap.quarantinedBlockCount == 1)
        do { let violation = heap.validate(); #expect(violation == nil) }
        try heap.deallocate(keep, layout: layout)
    }

    @Test func aNestedHeapsBlockIsNotTakenForOneOfOurs() throws {
        // The inner heap's region is one block of the outer heap, and its
        // blocks carry headers of the same layout: the outer heap must see an
        // interior pointer, not a block of its own.
        let region = TestRegion(bytes: 256 * 1024)
        let log = ReportLog()
        var outer = try makeDebugHeap(region, log: log)
        let innerBytes = 64 * 1024
        let innerRegion = try outer.allocate(Layout(size: innerBytes, alignment: 64))
        var inner = try DebugHeap(wrapping: TLSFAllocator(unsafeRegion: UnsafeMutableRawBufferPointer(start: innerRegion, count: innerBytes)),
                                  continueAfterReport: true, onReport: { log.reports.append($0) },
                                  stop: { Issue.record("stop() called in continue mode") })
        let p = try inner.allocate(Layout(size: 40, alignment: 8))
        let layout = Layout(uncheckedSize: 40, alignment: 8)
        #expect(thrown { () throws(AllocatorError) in try outer.deallocate(p, layout: layout) } == .invalidPointer)
        #expect(log.kinds == [.interiorPointer(offset: p - innerRegion)])
        try inner.deallocate(p, layout: layout)
        do { let innerViolation = inner.validate(); let outerViolation = outer.validate(); #expect(innerViolation == nil); #expect(outerViolation == nil) }
    }

    @Test func withoutQuarantineBlocksGoStraightBack() throws {
        let region = TestRegion(bytes: 64 * 1024)
        let log = ReportLog()
        var heap = try makeDebugHeap(region, quarantine: 0, log: log)
        let before = heap.statistics.bytesInUse
        let p = try heap.allocate(Layout(size: 100, alignment: 8))
        try heap.deallocate(p, layout: Layout(size: 100, alignment: 8))
        #expect(heap.quarantinedBlockCount == 0 && heap.statistics.bytesInUse == before)
        do { let violation = heap.validate(); #expect(violation == nil) }
        #expect(log.reports.isEmpty)
    }

    @Test func leakReportListsWhatIsStillLiveAfterAPoint() throws {
        let region = TestRegion(bytes: 64 * 1024)
        let log = ReportLog()
        var heap = try makeDebugHeap(region, log: log)
        let old = try heap.allocate(Layout(size: 24, alignment: 8))
        let mark = heap.latestSerial
        let kept = try heap.allocate(Layout(size: 48, alignment: 8))
        let freed = try heap.allocate(Layout(size: 8, alignment: 8))
        try heap.deallocate(freed, layout: Layout(size: 8, alignment: 8))
        #expect(heap.reportLeaks(since: mark) == 1)
        #expect(log.kinds == [.leak] && log.reports[0].serial == 2 && log.reports[0].size == 48)
        #expect(heap.reportLeaks() == 2)
        _ = (old, kept)
    }

    @Test func reallocateMovesAndPoisonsTheOldBlock() throws {
        let region = TestRegion(bytes: 64 * 1024)
        let log = ReportLog()
        var heap = try makeDebugHeap(region, log: log)
        let p = try heap.allocate(Layout(size: 16, alignment: 8))
        memset(p, 0x5A, 16)
        let q = try heap.reallocate(p, from: Layout(size: 16, alignment: 8), toSize: 32)
        #expect(q != p && q.load(fromByteOffset: 15, as: UInt8.self) == 0x5A)
        var used: [HeapBlock] = []
        heap.walkBlocks { if $0.kind == .used { used.append($0) } }
        // The ring (no guards), the quarantined old block and the new one (16 guard bytes a side).
        #expect(used.count == 3 && used.map(\.guardBytes).sorted() == [0, 32, 32])
        #expect(p.load(fromByteOffset: 0, as: UInt8.self) == DebugHeap<TLSFAllocator>.poisonByte)
        #expect(log.reports.isEmpty)
    }

    @Test func reportTextIsOneReadableLinePlusTheHeapState() {
        let report = DebugHeapReport(kind: .overflow(bytes: 3), address: 0x1000, serial: 1234, size: 48,
                                     liveBlocks: 5, liveBytes: 640, quarantinedBlocks: 2)
        var bytes: [UInt8] = []
        report.write { bytes.append($0) }
        #expect(String(decoding: bytes, as: UTF8.self) == """
            debug heap: buffer overflow: block #1234, 48 bytes at 0x1000: 3 bytes past its end overwritten
              heap: 5 live blocks, 640 bytes; 2 blocks in quarantine

            """)
        let mismatch = DebugHeapReport(kind: .layoutMismatch(size: 4096, alignment: 4096), address: 0x2000, serial: 7,
                                       size: 64, liveBlocks: 1, liveBytes: 64, quarantinedBlocks: 0)
        bytes = []
        mismatch.write { bytes.append($0) }
        #expect(String(decoding: bytes, as: UTF8.self) == """
            debug heap: free with a layout that is not the block's: block #7, 64 bytes at 0x2000: given as 4096 bytes aligned to 4096
              heap: 1 live blocks, 64 bytes; 0 blocks in quarantine

            """)
    }

    @Test func shadowModelThroughTheDebugHeap() throws {
        let seed = testSeed(0xDEB0_6EA9)
        print("DebugHeap shadow model seed \(seed)")
        let region = TestRegion(bytes: 4 << 20)
        let log = ReportLog()
        var heap = try makeDebugHeap(region, quarantine: 16, log: log)
        exerciseAgainstModel(&heap, region: region, seed: seed, steps: stressIterations(20_000), validateEvery: 7)
        #expect(log.reports.isEmpty)
    }

    @Test func aFindingStopsTheProgramUnlessToldToContinue() async {
        await #expect(processExitsWith: .exitCode(4)) {
            let region = TestRegion(bytes: 64 * 1024)
            var heap = try! DebugHeap(wrapping: TLSFAllocator(unsafeRegion: region.region),
                                      onReport: { report in report.write { byte in var b = byte; _ = write(2, &b, 1) } },
                                      stop: { exit(4) })
            let p = try! heap.allocate(Layout(size: 8, alignment: 8))
            try? heap.deallocate(p, layout: Layout(size: 8, alignment: 8))
            try? heap.deallocate(p, layout: Layout(size: 8, alignment: 8))
        }
    }
}
