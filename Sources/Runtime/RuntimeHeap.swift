import Ferrite

// The heap that serves `malloc` and the Swift runtime (every class instance,
// array and string buffer), chosen at build time with `make HEAP=...`. The
// allocator type is concrete, so every call below is statically dispatched.
#if FERRITE_HEAP_DEBUG
/// `make HEAP=debug`: TLSF inside the checking wrapper (guards, poison,
/// quarantine, numbered blocks); its findings go to the console and stop the
/// program with the heap-misuse status.
typealias RuntimeAllocator = DebugHeap<TLSFAllocator>
let runtimeHeapName: StaticString = "debug (TLSF with guards, poison and quarantine)"

func makeRuntimeAllocator(_ region: UnsafeMutableRawBufferPointer) -> RuntimeAllocator {
    do throws(AllocatorError) {
        return try DebugHeap(wrapping: TLSFAllocator(unsafeRegion: region),
                             onReport: { report in
                                 Console.write("\n*** ferrite ")
                                 report.write { Board.writeByte($0) }
                             },
                             stop: { Runtime.exit(Runtime.heapMisuseStatus) })
    } catch {
        Console.write("*** ferrite heap: no room for the debug heap's quarantine\n")
        Runtime.exit(Runtime.failureStatus)
    }
}
#elseif FERRITE_HEAP_BUMP
typealias RuntimeAllocator = BumpAllocator
let runtimeHeapName: StaticString = "bump"
#elseif FERRITE_HEAP_FREELIST
typealias RuntimeAllocator = FreeListAllocator
let runtimeHeapName: StaticString = "freelist"
#else
typealias RuntimeAllocator = TLSFAllocator
let runtimeHeapName: StaticString = "tlsf"
#endif

#if !FERRITE_HEAP_DEBUG
func makeRuntimeAllocator(_ region: UnsafeMutableRawBufferPointer) -> RuntimeAllocator {
    RuntimeAllocator(unsafeRegion: region)
}
#endif

/// The global heap, placed at the start of its own region by
/// `installRuntimeHeap` (the lock and the allocator's bookkeeping cannot come
/// from the heap they manage). Invariant: set exactly once, on hart 0, before
/// any Swift code allocates and before other harts are released; the heap
/// itself is then reached only through its lock (every operation borrows it).
// SAFETY: nonisolated(unsafe): the one write happens before any concurrent read.
nonisolated(unsafe) var runtimeHeapPointer: UnsafeMutablePointer<LockedHeap<RuntimeAllocator>>? = nil

/// The runtime heap.
/// - Precondition: `installRuntimeHeap` has run (boot guarantees it before `main`).
var runtimeHeap: UnsafeMutablePointer<LockedHeap<RuntimeAllocator>> { runtimeHeapPointer.unsafelyUnwrapped }

/// The region the runtime heap manages, for reports.
nonisolated(unsafe) var runtimeHeapRegion = UnsafeMutableRawBufferPointer(start: nil, count: 0)

/// Builds the runtime heap over `[start, end)`: the locked heap and its
/// allocator's bookkeeping first, the blocks after them.
/// - Precondition: called once, on hart 0, before anything allocates; the
///   range is RAM that nothing else uses (the linker script reserves it).
func installRuntimeHeap(start: UInt, end: UInt) {
    typealias Heap = LockedHeap<RuntimeAllocator>
    let heapAt = alignUp(start, to: UInt(MemoryLayout<Heap>.alignment))
    let allocatorAt = alignUp(heapAt &+ UInt(MemoryLayout<Heap>.size), to: UInt(MemoryLayout<RuntimeAllocator>.alignment))
    let blocksAt = allocatorAt &+ UInt(MemoryLayout<RuntimeAllocator>.size)
    // SAFETY: precondition: the linker script's heap region, owned from here on;
    // the two structures and the blocks do not overlap.
    let region = UnsafeMutableRawBufferPointer(
        start: UnsafeMutableRawPointer(bitPattern: blocksAt), count: Int(end &- blocksAt))
    let allocatorStorage = UnsafeMutablePointer<RuntimeAllocator>(bitPattern: allocatorAt).unsafelyUnwrapped
    let heap = UnsafeMutablePointer<Heap>(bitPattern: heapAt).unsafelyUnwrapped
    heap.initialize(to: Heap(makeRuntimeAllocator(region), storage: allocatorStorage))
    runtimeHeapRegion = region
    runtimeHeapPointer = heap
}

/// Reports an invalid `free`/`realloc` and stops the program: a heap that was
/// handed a foreign or freed pointer cannot be trusted to go on.
func reportHeapMisuse(_ function: StaticString, _ pointer: UnsafeMutableRawPointer, _ error: AllocatorError) -> Never {
    Console.write("\n*** ferrite heap: ")
    Console.write(function)
    if error == .doubleFree {
        Console.write(": double free of ")
        Console.writeHex(UInt(bitPattern: pointer))
        Console.write(" (the block is already free)\n")
    } else {
        Console.write(": invalid pointer ")
        Console.writeHex(UInt(bitPattern: pointer))
        Console.write(" (never handed out by this heap, or not a block start)\n")
    }
    Runtime.exit(Runtime.heapMisuseStatus)
}

// The C allocation ABI. The exported names (`malloc`, `free`, ...) are
// defined in C (C/stdlib.c), each a one-line call into these: Swift reserves
// some of those names for its own runtime and warns when Swift code defines them.

@c(ferrite_malloc)
func ferriteMalloc(_ size: Int) -> UnsafeMutableRawPointer? {
    runtimeHeap.pointee.withAllocator { heap in CAllocation.malloc(&heap, size: size) }
}

@c(ferrite_calloc)
func ferriteCalloc(_ count: Int, _ size: Int) -> UnsafeMutableRawPointer? {
    runtimeHeap.pointee.withAllocator { heap in CAllocation.calloc(&heap, count: count, size: size) }
}

@c(ferrite_free)
func ferriteFree(_ pointer: UnsafeMutableRawPointer?) {
    let error = runtimeHeap.pointee.withAllocator { heap in CAllocation.free(&heap, pointer) }
    if let error, let pointer { reportHeapMisuse("free", pointer, error) }
}

@c(ferrite_realloc)
func ferriteRealloc(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
    let result = runtimeHeap.pointee.withAllocator { heap in CAllocation.realloc(&heap, pointer, size: size) }
    if let error = result.error, let pointer { reportHeapMisuse("realloc", pointer, error) }
    return result.pointer
}

@c(ferrite_posix_memalign)
func ferritePosixMemalign(_ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ alignment: Int, _ size: Int) -> Int32 {
    guard let result else { return CAllocation.EINVAL }
    var block: UnsafeMutableRawPointer? = nil
    let status = runtimeHeap.pointee.withAllocator { heap in
        CAllocation.posixMemalign(&heap, &block, alignment: alignment, size: size)
    }
    if status == 0 { result.pointee = block }
    return status
}

@c(ferrite_aligned_alloc)
func ferriteAlignedAlloc(_ alignment: Int, _ size: Int) -> UnsafeMutableRawPointer? {
    runtimeHeap.pointee.withAllocator { heap in CAllocation.alignedAlloc(&heap, alignment: alignment, size: size) }
}

@c(ferrite_malloc_usable_size)
func ferriteMallocUsableSize(_ pointer: UnsafeMutableRawPointer?) -> Int {
    runtimeHeap.pointee.withAllocator { heap in CAllocation.usableSize(&heap, pointer) }
}
