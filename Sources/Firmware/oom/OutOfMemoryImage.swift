import Ferrite

/// Running out of heap, on purpose. `make test` checks that it ends with the
/// runtime's report (`out of memory: N bytes (alignment A) requested` and the
/// heap's figures) and `Runtime.outOfMemoryStatus` (5) on every board.
///
/// 1. C's `malloc` fills the heap with a "cache" and gets NULL when it is
///    full (C keeps C's contract); an out-of-memory handler that drops the
///    cache is installed, and a raw buffer too big for what is left is served
///    on the retry.
/// 2. A Swift array grows until the heap cannot hold it. The handler
///    installed for this phase checks address 0 (see `AddressZero`), then
///    declines, so the runtime prints its report and stops: the array's
///    storage request is refused inside the allocation call, and the program
///    never gets a pointer to write through.
@main
struct OutOfMemoryImage {
    static func main() {
        HeapReport.printBanner("oom")
        AddressZero.remember()
        HandlerRetry.run()
        ArrayGrowth.run()
    }

    /// Says what went wrong and stops with the failure status (not 5, so the
    /// test fails).
    static func fail(_ what: StaticString) -> Never {
        Console.write("oom: FAIL: ")
        Console.write(what)
        Console.write("\n")
        Runtime.exit(Runtime.failureStatus)
    }
}

/// Phase 1: a handler that frees memory and asks for a retry.
enum HandlerRetry {
    /// Blocks taken with `malloc` until it returned NULL: the cache the
    /// handler drops. Invariant: the first `cachedCount` entries are live blocks.
    nonisolated(unsafe) static var cache = [UnsafeMutableRawPointer?](repeating: nil, count: 16)
    nonisolated(unsafe) static var cachedCount = 0
    /// What the handler saw: its calls and the last refused request.
    nonisolated(unsafe) static var handlerCalls = 0
    nonisolated(unsafe) static var refusedBytes = 0

    static func run() {
        let slots = cache.count  // the array's storage exists before the snapshot
        let start = HeapReport.statistics()
        // An eighth of the heap per block (a multiple of 16), so eight fit and
        // the ninth is refused.
        let chunk = start.largestAllocation / 8 & ~15
        // ferriteMalloc is what the exported `malloc` forwards to; called
        // directly so LLVM cannot fold a comparison of `malloc`'s result.
        while cachedCount < slots, let block = ferriteMalloc(chunk) {
            cache[cachedCount] = block
            cachedCount += 1
        }
        if cachedCount == slots { OutOfMemoryImage.fail("malloc never returned NULL") }
        Console.write("malloc: NULL after ")
        Console.writeDecimal(cachedCount)
        Console.write(" blocks of ")
        Console.writeDecimal(chunk)
        Console.write(" bytes (C's contract: the caller decides)\n")

        Runtime.setOutOfMemoryHandler(dropCache)
        let wanted = 2 * chunk
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: wanted, alignment: 16)
        buffer.initializeMemory(as: UInt8.self, repeating: 0xA5)
        Runtime.setOutOfMemoryHandler(nil)
        if handlerCalls != 1 || refusedBytes != wanted { OutOfMemoryImage.fail("the handler did not see the one refused request") }
        if buffer.baseAddress == nil || buffer[wanted - 1] != 0xA5 { OutOfMemoryImage.fail("the retry did not give a usable buffer") }
        Console.write("handler: dropped the cache for a request of ")
        Console.writeDecimal(refusedBytes)
        Console.write(" bytes; the retry served it at ")
        Console.writeHex(UInt(bitPattern: buffer.baseAddress))
        Console.write("\n")
        buffer.deallocate()
        let end = HeapReport.statistics()
        if end.bytesInUse != start.bytesInUse { OutOfMemoryImage.fail("the heap did not return to its starting state") }
    }

    /// Frees every cached block and asks for a retry. Captures nothing and
    /// allocates nothing, as a handler must.
    static let dropCache: Runtime.OutOfMemoryHandler = { byteCount, _ in
        handlerCalls += 1
        refusedBytes = byteCount
        for i in 0..<cachedCount { ferriteFree(cache[i]) }
        cachedCount = 0
        return true
    }
}

/// Phase 2: a Swift array grown until the heap is exhausted.
enum ArrayGrowth {
    /// Elements appended so far, for the handler's line.
    nonisolated(unsafe) static var appended = 0

    static func run() -> Never {
        Runtime.setOutOfMemoryHandler(checkAtRefusal)
        var samples: [Int] = []
        var capacity = samples.capacity
        while true {
            samples.append(samples.count)
            appended = samples.count
            if samples.capacity != capacity {
                capacity = samples.capacity
                Console.write("array: capacity ")
                Console.writeDecimal(capacity)
                Console.write(" elements\n")
            }
        }
    }

    /// Checks address 0 at the moment of refusal and declines, so the
    /// runtime's own report follows.
    static let checkAtRefusal: Runtime.OutOfMemoryHandler = { byteCount, alignment in
        Console.write("handler: growing past ")
        Console.writeDecimal(appended)
        Console.write(" elements needs ")
        Console.writeDecimal(byteCount)
        Console.write(" bytes; declining\n")
        AddressZero.check()
        return false
    }
}
