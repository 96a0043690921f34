import Dispatch
import Ferrite
import Testing

@Suite struct LockedHeapTests {
    /// Several threads allocate, fill, check and free through one locked heap.
    @Test func concurrentAllocationThroughTheLock() throws {
        let region = TestRegion(bytes: 1 << 20)
        nonisolated(unsafe) let heap = UnsafeMutablePointer<LockedHeap<FreeListAllocator>>.allocate(capacity: 1)
        heap.initialize(to: LockedHeap(FreeListAllocator(unsafeRegion: region.region)))
        defer { heap.deinitialize(count: 1); heap.deallocate() }
        nonisolated(unsafe) let corrupted = UnsafeMutablePointer<Int>.allocate(capacity: 4)
        corrupted.initialize(repeating: 0, count: 4)
        defer { corrupted.deallocate() }

        runConcurrently(4) { thread in
            var rng = SeededGenerator(seed: UInt64(thread + 1))
            var mine: [(UnsafeMutableRawPointer, Int)] = []
            for step in 0..<stressIterations(5_000) {
                if mine.count < 20 && (mine.isEmpty || Bool.random(using: &rng)) {
                    let size = Int.random(in: 1...256, using: &rng)
                    // SAFETY (test): the heap pointer outlives the threads;
                    // the lock inside serialises the threads.
                    if let p = try? heap.pointee.allocate(Layout(size: size, alignment: 16)) {
                        p.initializeMemory(as: UInt8.self, repeating: UInt8(thread), count: size)
                        mine.append((p, size))
                    }
                } else {
                    let (p, size) = mine.remove(at: step % mine.count)
                    for i in 0..<size where p.load(fromByteOffset: i, as: UInt8.self) != UInt8(thread) { corrupted[thread] += 1 }
                    try? heap.pointee.deallocate(p, layout: Layout(uncheckedSize: size, alignment: 16))
                }
            }
            for (p, size) in mine { try? heap.pointee.deallocate(p, layout: Layout(uncheckedSize: size, alignment: 16)) }
        }
        for t in 0..<4 { #expect(corrupted[t] == 0) }
        let violation = heap.pointee.validate()
        #expect(violation == nil, "validate(): \(String(describing: violation))")
        #expect(heap.pointee.statistics().liveAllocations == 0)
    }

    @Test func spinLockCountsExactly() {
        nonisolated(unsafe) let lock = UnsafeMutablePointer<SpinLock<Int>>.allocate(capacity: 1)
        lock.initialize(to: SpinLock(0))
        defer { lock.deinitialize(count: 1); lock.deallocate() }
        runConcurrently(4) { _ in
            for _ in 0..<stressIterations(50_000) { lock.pointee.withLock { $0 += 1 } }
        }
        let total = lock.pointee.withLock { $0 }
        #expect(total == 4 * stressIterations(50_000))
    }
}
