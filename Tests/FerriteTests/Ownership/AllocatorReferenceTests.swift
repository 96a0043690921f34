import Ferrite
import Testing

/// An `AllocatorReference` keeps the allocator's error kind on the way out,
/// and an owner whose block the allocator refuses to free stops the program
/// instead of going on as if it had been freed.
@Suite struct AllocatorReferenceTests {
    /// A bump arena of `bytes` bytes of which `limit` may be used.
    final class BumpArena {
        let region: TestRegion
        let heap = UnsafeMutablePointer<BumpAllocator>.allocate(capacity: 1)
        init(bytes: Int, limit: Int = .max) {
            region = TestRegion(bytes: bytes)
            heap.initialize(to: BumpAllocator(unsafeRegion: region.region, limit: limit))
        }
        deinit { heap.deinitialize(count: 1); heap.deallocate() }
        var reference: AllocatorReference { .bump(heap) }
    }

    @Test func ownersReportTheArenasOwnError() {
        let limited = BumpArena(bytes: 4096, limit: 256)
        let big = InlineArray<64, UInt64>(repeating: 1)   // 512 bytes: past the limit, inside the region
        #expect(throws: AllocatorError.limitReached) { _ = try UniqueBox(big, in: limited.reference) }
        #expect(throws: AllocatorError.limitReached) { _ = try Rc(big, in: limited.reference) }
        #expect(throws: AllocatorError.limitReached) { _ = try Arc(big, in: limited.reference) }
        let small = BumpArena(bytes: 256)
        #expect(throws: AllocatorError.outOfMemory) { _ = try UniqueBox(big, in: small.reference) }
    }

    @Test func allocateThrowsTheAllocatorsError() {
        let limited = BumpArena(bytes: 4096, limit: 64)
        #expect(throws: AllocatorError.limitReached) { _ = try limited.reference.allocate(Layout(uncheckedSize: 128, alignment: 8)) }
    }

    @Test func aDoubleFreeThroughTheReferenceIsReported() throws {
        let arena = Arena()
        let layout = Layout(uncheckedSize: 32, alignment: 8)
        let block = try arena.reference.allocate(layout)
        try arena.reference.deallocate(block, layout)
        #expect(throws: AllocatorError.doubleFree) { try arena.reference.deallocate(block, layout) }
        #expect(arena.liveBlocks == 0, "the refused free changed the live count to \(arena.liveBlocks)")
        #expect(arena.heap.pointee.validate() == nil, "the refused free left the heap inconsistent")
    }

    @Test func aForeignPointerThroughTheReferenceIsReported() throws {
        let arena = Arena()
        var local = 0
        try withUnsafeMutablePointer(to: &local) { pointer in
            #expect(throws: AllocatorError.invalidPointer) {
                try arena.reference.deallocate(UnsafeMutableRawPointer(pointer), Layout(uncheckedSize: 8, alignment: 8))
            }
        }
        #expect(arena.heap.pointee.validate() == nil, "the refused free left the heap inconsistent")
    }

    @Test func errorCodesRoundTrip() {
        for error in [AllocatorError.outOfMemory, .limitReached, .invalidPointer, .doubleFree, .layoutMismatch] {
            #expect(error.code != 0, "\(error) crosses as 0, which means no error")
            #expect(AllocatorError(code: error.code) == error, "\(error) came back as \(String(describing: AllocatorError(code: error.code)))")
        }
        #expect(AllocatorError(code: 0) == nil)
    }

    /// Two owners of one block (a bitwise copy, the bug an ownership type
    /// exists to rule out): the second drop is a double free, which the
    /// arena refuses; the owner stops the program and names it.
    @Test func aDoubleDropOfAUniqueBoxTraps() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardOutputContent]) {
            let arena = Arena()
            let owners = UnsafeMutablePointer<UniqueBox<Int>>.allocate(capacity: 2)
            owners.initialize(to: try! UniqueBox(7, in: arena.reference))
            // SAFETY (test): deliberately unsound, a second owner of the same block.
            UnsafeMutableRawPointer(owners + 1).copyMemory(from: owners, byteCount: MemoryLayout<UniqueBox<Int>>.stride)
            owners.deinitialize(count: 1)
            (owners + 1).deinitialize(count: 1)           // the double drop
        }
        let output = String(decoding: result?.standardOutputContent ?? [], as: UTF8.self)
        #expect(output.contains("UniqueBox: the allocator refused to free its block: double free"), "printed: \(output)")
    }
}
