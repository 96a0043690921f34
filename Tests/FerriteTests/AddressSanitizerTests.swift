// Built only by `make asan` (-D FERRITE_ASAN with --sanitize=address): the
// allocators poison what they free, so ASan sees inside Ferrite's heaps.
#if FERRITE_ASAN
@testable import Ferrite
import Testing

@_silgen_name("__asan_address_is_poisoned")
func asanAddressIsPoisoned(_ address: UnsafeRawPointer) -> Int32

/// Keeps a read alive (the optimiser may not drop it).
nonisolated(unsafe) var asanSink: UInt8 = 0

@Suite struct AddressSanitizerTests {
    /// Live payload bytes are addressable; after free, the payload beyond
    /// the words the allocator keeps its links in is poisoned.
    func check<A: Allocator & ~Copyable>(_ heap: inout A, _ name: String) throws {
        let size = 256
        let p = try heap.allocate(Layout(size: size, alignment: 16))
        let keep = try heap.allocate(Layout(size: 16, alignment: 16))   // the freed block is not the last one
        for i in 0..<size { #expect(asanAddressIsPoisoned(p + i) == 0, "\(name): live byte \(i) poisoned") }
        try heap.deallocate(p, layout: Layout(size: size, alignment: 16))
        let poisoned = (64..<size).filter { asanAddressIsPoisoned(p + $0) != 0 }.count
        #expect(poisoned == size - 64, "\(name): only \(poisoned) of the freed payload's last \(size - 64) bytes poisoned")
        let again = try heap.allocate(Layout(size: size, alignment: 16))
        for i in 0..<size { #expect(asanAddressIsPoisoned(again + i) == 0, "\(name): reused byte \(i) still poisoned") }
        try heap.deallocate(again, layout: Layout(size: size, alignment: 16))
        try heap.deallocate(keep, layout: Layout(size: 16, alignment: 16))
        #expect(heap.validate() == nil)
    }

    @Test func freedBlocksArePoisonedAndLiveOnesAreNot() throws {
        let region = TestRegion(bytes: 64 * 1024)
        var tlsf = TLSFAllocator(unsafeRegion: region.region)
        try check(&tlsf, "TLSF")
        let region2 = TestRegion(bytes: 64 * 1024)
        var freeList = FreeListAllocator(unsafeRegion: region2.region)
        try check(&freeList, "free list")
    }

    @Test func useAfterFreeInsideAFerriteHeapIsCaughtByASan() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let region = TestRegion(bytes: 64 * 1024)
            var heap = TLSFAllocator(unsafeRegion: region.region)
            let p = try! heap.allocate(Layout(size: 128, alignment: 8))
            _ = try! heap.allocate(Layout(size: 16, alignment: 8))
            try! heap.deallocate(p, layout: Layout(size: 128, alignment: 8))
            // A typed subscript (inlined, so instrumented even in a debug
            // build; the generic `load` runs in the uninstrumented stdlib).
            asanSink = p.assumingMemoryBound(to: UInt8.self)[100]   // ASan: use-after-poison
        }
        let report = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(report.contains("use-after-poison"), "ASan's report: \(report.prefix(400))")
    }
}
#endif
