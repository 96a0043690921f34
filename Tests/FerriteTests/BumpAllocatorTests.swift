import Ferrite
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct BumpAllocatorTests {
    @Test func randomizedAgainstShadowModel() {
        let seed = testSeed(0xB0B0_0001)
        print("BumpAllocator randomized seed: \(seed)")
        // Many runs over a small arena, reset between them: the bump allocator
        // only really frees the most recent block, so a run ends by exhaustion.
        let region = TestRegion(bytes: 1 << 20, offset: 5)
        var heap = BumpAllocator(unsafeRegion: region.region)
        let empty = heap.checkpoint()
        var resets = 0
        // 500 runs of 2,000 operations: a million in all, with checkpoints
        // taken and reset to in the middle of each run.
        for run in 0..<500 {
            let checkpoints = CheckpointModel(seed: seed &+ UInt64(run))
            exerciseAgainstModel(&heap, region: region, seed: seed &+ UInt64(run), steps: 2_000, maxSize: 512,
                                 validateEvery: run % 50 == 0 ? 1 : 500, afterStep: checkpoints.step)
            resets += checkpoints.resets
            heap.reset(to: empty)
            do { let s = heap.statistics; #expect(s.liveAllocations == 0); #expect(s.bytesInUse == 0) }
        }
        #expect(resets > 5_000, "only \(resets) resets in the middle of the runs")
    }

    @Test func exhaustionExactlyAtCapacity() throws {
        let region = TestRegion(bytes: 1024)
        var heap = BumpAllocator(unsafeRegion: region.region)
        let word = MemoryLayout<UInt>.size
        // 1024 bytes = one header word + (1024 - word) payload bytes, exactly.
        let p = try heap.allocate(Layout(size: 1024 - word, alignment: 1))
        #expect(region.contains(p, count: 1024 - word))
        do { let s = heap.statistics; #expect(s.bytesFree == 0) }
        do { let error = thrown { () throws(AllocatorError) in try heap.allocate(Layout(uncheckedSize: 0, alignment: 1)) }; #expect(error == .outOfMemory) }
        do { let s = heap.statistics; #expect(s.failedAllocations == 1) }
        try heap.deallocate(p, layout: Layout(size: 1024 - word, alignment: 1))
        do { let s = heap.statistics; #expect(s.bytesFree == 1024, "the most recent block is really given back") }
    }

    @Test func neverOutsideRegion() {
        let region = TestRegion(bytes: 4096, offset: 3)
        var heap = BumpAllocator(unsafeRegion: region.region)
        for size in [Int.max - 4096, Int.max / 2, 1 << 40, 4097, 4096] {
            for alignment in [1, 8, 4096, 1 << 20, 1 << 40] {
                guard let layout = try? Layout(size: size, alignment: alignment) else { continue }
                do { let error = thrown { () throws(AllocatorError) in try heap.allocate(layout) }; #expect(error == .outOfMemory) }
            }
        }
        do { let violation = heap.validate(); #expect(violation == nil) }
        do { let s = heap.statistics; #expect(s.liveAllocations == 0) }
    }

    @Test func limitIsEnforced() throws {
        let region = TestRegion(bytes: 4096)
        var heap = BumpAllocator(unsafeRegion: region.region, limit: 256)
        _ = try heap.allocate(Layout(size: 200, alignment: 8))
        do { let error = thrown { () throws(AllocatorError) in try heap.allocate(Layout(uncheckedSize: 100, alignment: 8)) }; #expect(error == .limitReached) }
        do { let s = heap.statistics; #expect(s.bytesFree <= 256 - 200) }
    }

    @Test func doubleFreeAndForeignPointersAreReported() throws {
        let region = TestRegion(bytes: 4096)
        var heap = BumpAllocator(unsafeRegion: region.region)
        let a = try heap.allocate(Layout(size: 32, alignment: 8))
        _ = try heap.allocate(Layout(size: 32, alignment: 8))
        let last = try heap.allocate(Layout(size: 32, alignment: 8))
        let old = Layout(uncheckedSize: 32, alignment: 8)
        try heap.deallocate(a, layout: Layout(size: 32, alignment: 8))
        do { let error = thrown { () throws(AllocatorError) in try heap.deallocate(a, layout: old) }; #expect(error == .doubleFree) }
        for newSize in [64, 32, 8] {
            let error = thrown { () throws(AllocatorError) in try heap.reallocate(a, from: old, toSize: newSize) }
            #expect(error == .doubleFree, "realloc(a, \(newSize)) after free")
        }
        // The most recent block, once freed, is above the arena's top: not a block at all.
        try heap.deallocate(last, layout: old)
        do { let error = thrown { () throws(AllocatorError) in try heap.reallocate(last, from: old, toSize: 64) }; #expect(error == .invalidPointer, "realloc of the freed last block") }
        var local = 0
        withUnsafeMutablePointer(to: &local) { foreign in
            #expect(throws: AllocatorError.invalidPointer) {
                try heap.deallocate(UnsafeMutableRawPointer(foreign), layout: Layout(size: 8, alignment: 8))
            }
        }
        do { let error = thrown { () throws(AllocatorError) in try heap.deallocate(a + 1, layout: Layout(uncheckedSize: 8, alignment: 1)) }; #expect(error == .invalidPointer) }
        do { let violation = heap.validate(); #expect(violation == nil) }
        do { let s = heap.statistics; #expect(s.liveAllocations == 1) }
    }

    @Test func checkpointAndReset() throws {
        let region = TestRegion(bytes: 4096)
        var heap = BumpAllocator(unsafeRegion: region.region)
        let keep = try heap.allocate(Layout(size: 16, alignment: 8))
        let mark = heap.checkpoint()
        for _ in 0..<10 { _ = try heap.allocate(Layout(size: 100, alignment: 32)) }
        do { let s = heap.statistics; #expect(s.liveAllocations == 11) }
        heap.reset(to: mark)
        do { let s = heap.statistics; #expect(s.liveAllocations == 1) }
        do { let violation = heap.validate(); #expect(violation == nil) }
        let again = try heap.allocate(Layout(size: 16, alignment: 8))
        #expect(UInt(bitPattern: again) > UInt(bitPattern: keep))
    }

    @Test func resetToAReleasedCheckpointTraps() async {
        await #expect(processExitsWith: .failure) {
            let region = TestRegion(bytes: 4096)
            var heap = BumpAllocator(unsafeRegion: region.region)
            let start = heap.checkpoint()
            _ = try? heap.allocate(Layout(size: 64, alignment: 8))
            let later = heap.checkpoint()
            heap.reset(to: start)
            heap.reset(to: later)  // already released: a precondition failure
        }
    }

    @Test func emptyAndTinyRegions() {
        var none = BumpAllocator()
        do { let error = thrown { () throws(AllocatorError) in try none.allocate(Layout(uncheckedSize: 0, alignment: 1)) }; #expect(error == .outOfMemory) }
        let region = TestRegion(bytes: 7, offset: 1)
        var tiny = BumpAllocator(unsafeRegion: region.region)
        do { let error = thrown { () throws(AllocatorError) in try tiny.allocate(Layout(uncheckedSize: 0, alignment: 1)) }; #expect(error == .outOfMemory) }
        do { let tinyViolation = tiny.validate(); #expect(tinyViolation == nil) }
    }

    /// The sequence: the block just below a checkpoint is freed. It
    /// must not take the checkpoint's bytes with it: the reset finds nothing
    /// to release and the arena stays valid.
    @Test func freeingTheBlockBelowACheckpointKeepsTheCheckpoint() throws {
        let region = TestRegion(bytes: 4096)
        var heap = BumpAllocator(unsafeRegion: region.region)
        let a = try heap.allocate(Layout(size: 64, alignment: 8))
        let mark = heap.checkpoint()
        try heap.deallocate(a, layout: Layout(size: 64, alignment: 8))
        heap.reset(to: mark)
        let violation = heap.validate()
        #expect(violation == nil)
        let s = heap.statistics
        #expect(s.liveAllocations == 0)
        #expect(s.bytesInUse == 0)
    }

    /// The same, with a later allocation that would have reused the freed
    /// block's bytes and grown past the checkpoint: the reset must release it
    /// and never read its payload as headers.
    @Test func anAllocationAfterTheFreeBelowACheckpointIsReleasedByTheReset() throws {
        let region = TestRegion(bytes: 4096)
        var heap = BumpAllocator(unsafeRegion: region.region)
        let keep = try heap.allocate(Layout(size: 16, alignment: 8))
        let a = try heap.allocate(Layout(size: 64, alignment: 8))
        let mark = heap.checkpoint()
        try heap.deallocate(a, layout: Layout(size: 64, alignment: 8))
        let b = try heap.allocate(Layout(size: 200, alignment: 8))
        // Payload bytes that read as small headers if walked.
        b.initializeMemory(as: UInt.self, repeating: 0, count: 200 / MemoryLayout<UInt>.size)
        heap.reset(to: mark)
        let violation = heap.validate()
        #expect(violation == nil)
        let s = heap.statistics
        #expect(s.liveAllocations == 1, "only the block before the checkpoint is live")
        #expect(s.bytesInUse == MemoryLayout<UInt>.size + 16)
        _ = keep
    }

    /// The block that ends at a checkpoint cannot grow or shrink in place
    /// across it either: it moves (or keeps its bytes) instead, and survives
    /// the reset with its contents.
    @Test func theBlockBelowACheckpointDoesNotResizeInPlaceAcrossIt() throws {
        let region = TestRegion(bytes: 4096)
        var heap = BumpAllocator(unsafeRegion: region.region)
        let a = try heap.allocate(Layout(size: 64, alignment: 8))
        memset(a, 0x5A, 64)
        let mark = heap.checkpoint()
        let grown = try heap.reallocate(a, from: Layout(size: 64, alignment: 8), toSize: 256)
        #expect(grown != a, "grew in place across the checkpoint")
        let shrunkMark = heap.checkpoint()
        let shrunk = try heap.reallocate(grown, from: Layout(size: 256, alignment: 8), toSize: 8)
        #expect(shrunk == grown)
        _ = try heap.allocate(Layout(size: 32, alignment: 8))
        heap.reset(to: shrunkMark)
        do {
            let violation = heap.validate()
            #expect(violation == nil)
            let usable = heap.usableSize(of: shrunk)
            #expect(usable == 256, "the block kept its bytes below the checkpoint")
            for i in 0..<64 { #expect(shrunk.load(fromByteOffset: i, as: UInt8.self) == 0x5A) }
        }
        heap.reset(to: mark)
        let violation = heap.validate()
        #expect(violation == nil)
        let live = heap.statistics.liveAllocations
        #expect(live == 0, "a was freed by the move; its copy went with the reset")
    }

    /// Owners in an arena that drop inside a checkpoint scope (the way the
    /// defect shows up in practice).
    @Test func ownersDroppedInsideACheckpointScope() throws {
        let region = TestRegion(bytes: 4096)
        let heap = UnsafeMutablePointer<BumpAllocator>.allocate(capacity: 1)
        heap.initialize(to: BumpAllocator(unsafeRegion: region.region))
        defer { heap.deinitialize(count: 1); heap.deallocate() }
        let rc = try Rc(UInt64(8), in: .bump(heap))
        var box: UniqueBox<UInt64>? = try UniqueBox(7, in: .bump(heap))   // the block just below the checkpoint
        let mark = heap.pointee.checkpoint()
        do {
            box = nil   // the box below the checkpoint drops inside the scope
            let scratch = try UniqueBox(InlineArray<8, UInt64>(repeating: 3), in: .bump(heap))
            #expect(scratch.value[7] == 3)
        }
        heap.pointee.reset(to: mark)
        let violation = heap.pointee.validate()
        #expect(violation == nil)
        let live = heap.pointee.statistics.liveAllocations
        #expect(live == 1, "only the Rc is live")
        #expect(rc.value == 8 && box == nil)
    }
}

/// Checkpoints in the middle of a shadow-model run: now and then one is
/// taken, now and then the arena is reset to one of them (releasing the
/// later ones); the model then drops every block placed after it, and every
/// block it keeps must be intact and the arena valid.
final class CheckpointModel {
    var rng: SeededGenerator
    var taken: [(checkpoint: BumpAllocator.Checkpoint, step: Int)] = []
    var resets = 0
    let reference = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 16)

    init(seed: UInt64) { rng = SeededGenerator(seed: seed ^ 0xC4EC_0000) }
    deinit { reference.deallocate() }

    func step(_ heap: inout BumpAllocator, _ live: inout [ShadowBlock], _ step: Int) -> String? {
        let roll = Int.random(in: 0..<100, using: &rng)
        if roll < 4 {
            taken.append((heap.checkpoint(), step))
        } else if roll < 8, !taken.isEmpty {
            let index = Int.random(in: 0..<taken.count, using: &rng)
            let (checkpoint, at) = taken[index]
            taken.removeSubrange((index + 1)...)
            heap.reset(to: checkpoint)
            resets += 1
            live.removeAll { $0.placedAt > at }
            for block in live where !block.intact(reference: reference) {
                return "reset to the checkpoint of step \(at) changed block \(block.pointer) (placed at step \(block.placedAt))"
            }
            if let violation = heap.validate() {
                return "validate after a reset to step \(at)'s checkpoint: \(violation.ruleName) at \(violation.address)"
            }
        }
        return nil
    }
}
