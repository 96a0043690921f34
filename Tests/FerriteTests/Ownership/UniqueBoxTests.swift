import Ferrite
import Testing

@Suite struct UniqueBoxTests {
    @Test func createReadMutateTake() {
        var box = UniqueBox(41)
        #expect(box.value == 41)
        box.value += 1
        box.withMutableValue { $0 *= 2 }
        #expect(box.withValue { $0 } == 84)
        let moved = consume box
        #expect(moved.take() == 84)
    }

    @Test func deinitDestroysOnceAndFreesIntoTheArena() throws {
        let tracker = LifetimeTracker(), arena = Arena()
        do {
            let box = try UniqueBox(tracker.make(7), in: arena.reference)
            #expect(arena.liveBlocks == 1 && tracker.live == 1)
            let owner = consume box            // ownership moves; nothing is copied
            #expect(owner.value.payload == 7)
        }
        #expect(tracker.live == 0 && tracker.destroyedCount == 1)
        #expect(arena.liveBlocks == 0 && arena.bytesInUse == 0 && arena.isValid)
    }

    @Test func takeMovesTheValueOutWithoutDestroyingIt() throws {
        let tracker = LifetimeTracker(), arena = Arena()
        let box = try UniqueBox(tracker.make(3), in: arena.reference)
        let value = box.take()
        #expect(arena.liveBlocks == 0, "the allocation is freed by take")
        #expect(tracker.live == 1 && value.payload == 3, "the value lives on")
        _ = consume value
        #expect(tracker.live == 0)
    }

    @Test func nestedOwnershipDropsEverything() throws {
        let tracker = LifetimeTracker(), arena = Arena()
        do {
            let inner = try UniqueBox(tracker.make(1), in: arena.reference)
            let outer = try UniqueBox(inner, in: arena.reference)
            #expect(outer.value.value.payload == 1 && arena.liveBlocks == 2)
        }
        #expect(tracker.live == 0 && arena.liveBlocks == 0)
    }

    @Test func arenaExhaustionThrows() throws {
        let region = TestRegion(bytes: 256)
        let heap = UnsafeMutablePointer<BumpAllocator>.allocate(capacity: 1)
        heap.initialize(to: BumpAllocator(unsafeRegion: region.region))
        defer { heap.deinitialize(count: 1); heap.deallocate() }
        #expect(throws: AllocatorError.outOfMemory) { _ = try UniqueBox(InlineArray<64, UInt64>(repeating: 1), in: .bump(heap)) }
        let small = try UniqueBox(UInt64(5), in: .bump(heap))
        #expect(small.value == 5)
    }
}
