#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's entry point. Which target this binary fuzzes is chosen when
/// it is built (`make fuzz` builds one binary per target with
/// `-D FUZZ_<TARGET>`); the first input byte offsets the region, so regions
/// at odd addresses are fuzzed too.
let fuzzMemory = UnsafeMutableRawBufferPointer.allocate(byteCount: (1 << 20) + 64, alignment: 64)

/// libFuzzer calls this once before the first input: the operation count is
/// printed when the process exits.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    atexit { fputs("ferrite-fuzz: \(operationsFuzzed) allocator operations run\n", stderr) }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let offset = Int(data[0] % 64)
    let region = UnsafeMutableRawBufferPointer(rebasing: fuzzMemory[offset..<(offset + (1 << 20))])
    let bytes = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    #if FUZZ_TLSF
    var heap = TLSFAllocator(unsafeRegion: region)
    fuzzAllocator(&heap, bytes, region: region)
    #elseif FUZZ_FREELIST
    var heap = FreeListAllocator(unsafeRegion: region)
    fuzzAllocator(&heap, bytes, region: region)
    #elseif FUZZ_BUMP
    var heap = BumpAllocator(unsafeRegion: region)
    fuzzAllocator(&heap, bytes, region: region, returnsEverything: false)
    #elseif FUZZ_DEBUGHEAP
    var heap = try! DebugHeap(wrapping: TLSFAllocator(unsafeRegion: region), quarantineCapacity: 16,
                              onReport: { report in fatalError("debug heap report on a correct program: \(report)") },
                              stop: { fatalError("stop") })
    fuzzAllocator(&heap, bytes, region: region, returnsEverything: false)
    #elseif FUZZ_CABI
    fuzzCAllocation(bytes, region: region)
    #else
    #error("build with -D FUZZ_TLSF, FUZZ_FREELIST, FUZZ_BUMP, FUZZ_DEBUGHEAP or FUZZ_CABI")
    #endif
    return 0
}
