import Ferrite
import Testing

@Suite struct FreeListAllocatorTests {
    @Test func randomizedAgainstShadowModel() {
        let seed = testSeed(0xF4EE_0001)
        print("FreeListAllocator randomized seed: \(seed)")
        let region = TestRegion(bytes: 256 * 1024, offset: 3)
        var heap = FreeListAllocator(unsafeRegion: region.region)
        let initial = heap.statistics
        exerciseAgainstModel(&heap, region: region, seed: seed, steps: 20_000)
        let end = heap.statistics
        #expect(end.liveAllocations == 0)
        #expect(end.bytesFree == initial.bytesFree)
        #expect(end.largestFreeBlock == initial.bytesFree, "freeing everything leaves one free block")
    }
}
