import Ferrite
import Synchronization

// Running out of heap in Swift code is never silent.
//
// Which calls are the Swift runtime's: the Embedded Swift runtime (the
// standard library's `EmbeddedRuntime.swift`, compiled into every image)
// allocates in one place, `alignedAlloc`, which `swift_slowAlloc` (raw
// buffers: `UnsafeMutableRawBufferPointer.allocate`), `swift_allocObject`
// (class instances, array, string, dictionary and box storage) and
// `swift_coroFrameAlloc` reach. It calls `posix_memalign`, ignores the status
// and uses the pointer, so on Swift 6.3.1 an `ENOMEM` became a NULL buffer the
// program then wrote through. It never calls `malloc`, `calloc`, `realloc` or
// `aligned_alloc`: an image's Swift objects leave exactly `posix_memalign`
// and `free` undefined (`llvm-nm -u build/<board>/<heap>/demo.o`).
//
// So the symbol tells the two apart: in firmware, `posix_memalign` is the
// Swift runtime's door and never returns `ENOMEM`. When the heap cannot serve
// it, it calls the installed `Runtime.OutOfMemoryHandler` (if any), retries
// once if the handler asks, and otherwise prints the report and stops with
// `Runtime.outOfMemoryStatus`. It still returns `EINVAL` for an alignment C
// forbids (the Swift runtime never passes one). `malloc`, `calloc`,
// `realloc` and `aligned_alloc` keep C's contract and return NULL; C code that
// must survive exhaustion with an aligned block calls `aligned_alloc`.

extension Runtime {
    /// A function the runtime calls when the heap cannot serve an allocation
    /// of the Swift runtime; `byteCount` and `alignment` are the refused
    /// request. Return `true` after freeing memory (dropping a cache, say) to
    /// have the request tried once more, `false` to stop with the report.
    ///
    /// It runs on the hart whose allocation failed, with the heap's lock not
    /// held, so it may free (`deallocate`, `free`, dropping references) but
    /// must not allocate: a failure while it runs (its own allocation, or
    /// another hart running out at the same moment) stops the program with
    /// the report without calling it again. `@convention(c)`: a function or a
    /// closure that captures nothing, so installing and calling it allocates
    /// nothing.
    typealias OutOfMemoryHandler = @convention(c) (_ byteCount: Int, _ alignment: Int) -> Bool

    /// The installed handler's address; 0 when there is none (the default).
    /// Invariant: 0 or the bit pattern of an `OutOfMemoryHandler`.
    static let outOfMemoryHandler = Atomic<UInt>(0)

    /// Installs `handler` (nil removes it): from now on an allocation of the
    /// Swift runtime the heap cannot serve calls it before the program is
    /// stopped. Any hart may install; the last store wins.
    static func setOutOfMemoryHandler(_ handler: OutOfMemoryHandler?) {
        // SAFETY: a `@convention(c)` function is one code pointer, the size of
        // an Int; `handlerAsksRetry` casts it back to the same type.
        let bits = handler.map { UInt(bitPattern: unsafeBitCast($0, to: Int.self)) } ?? 0
        // Release pairs with the acquiring load in `OutOfMemory.handlerAsksRetry`:
        // the hart that runs the handler sees everything written before it was
        // installed (the cache it will drop, say).
        outOfMemoryHandler.store(bits, ordering: .releasing)
    }
}

/// The out-of-memory path of the Swift runtime's allocations.
enum OutOfMemory {
    /// True while a handler runs. Invariant: set only by the hart that won
    /// the exchange in `handlerAsksRetry`, cleared by that hart when the
    /// handler returns; a failure meanwhile does not call the handler.
    static let handlerRunning = Atomic<Bool>(false)

    /// Runs the installed handler for a refused request, at most one at a
    /// time; true when it asks for one more try.
    static func handlerAsksRetry(byteCount: Int, alignment: Int) -> Bool {
        // Acquire pairs with the releasing store in `setOutOfMemoryHandler`.
        let bits = Runtime.outOfMemoryHandler.load(ordering: .acquiring)
        guard bits != 0 else { return false }
        // Acquire pairs with the releasing store below, so a handler sees what
        // the previous one freed and wrote.
        guard handlerRunning.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            return false  // re-entered (the handler allocated) or raced: stop
        }
        // SAFETY: `outOfMemoryHandler`'s invariant: a non-zero value is an
        // `OutOfMemoryHandler` stored by `setOutOfMemoryHandler`.
        let handler = unsafeBitCast(Int(bitPattern: bits), to: Runtime.OutOfMemoryHandler.self)
        let retry = handler(byteCount, alignment)
        // Release pairs with the acquiring exchange above.
        handlerRunning.store(false, ordering: .releasing)
        return retry
    }

    /// Prints the refused request and the heap's state, then stops the
    /// program with `Runtime.outOfMemoryStatus`. Allocates nothing.
    static func stop(byteCount: Int, alignment: Int) -> Never {
        let heap = runtimeHeap.pointee.statistics()
        Console.write("\n*** ferrite heap: out of memory: ")
        if byteCount >= 0 { Console.writeDecimal(byteCount) } else { Console.writeHex(UInt(bitPattern: byteCount)) }
        Console.write(" bytes (alignment ")
        Console.writeDecimal(alignment)
        Console.write(") requested\n*** heap (")
        Console.write(runtimeHeapName)
        Console.write("): ")
        HeapReport.writeUsage(heap)
        Console.write(", largest allocation ")
        Console.writeDecimal(heap.largestAllocation)
        Console.write(" B\n*** stopped (status ")
        Console.writeDecimal(Int(Runtime.outOfMemoryStatus))
        Console.write("): the Swift runtime must never be handed NULL\n")
        Runtime.exit(Runtime.outOfMemoryStatus)
    }
}

/// `posix_memalign` as the firmware exports it (C/stdlib.c forwards to this):
/// the Swift runtime's allocation door, which never returns `ENOMEM` (see the
/// top of this file). 0 with `*result` set, or `EINVAL` for a bad alignment.
@c(ferrite_runtime_posix_memalign)
func ferriteRuntimePosixMemalign(_ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                                 _ alignment: Int, _ size: Int) -> Int32 {
    let status = ferritePosixMemalign(result, alignment, size)
    guard status == CAllocation.ENOMEM else { return status }
    if OutOfMemory.handlerAsksRetry(byteCount: size, alignment: alignment) {
        let retried = ferritePosixMemalign(result, alignment, size)
        if retried != CAllocation.ENOMEM { return retried }
    }
    OutOfMemory.stop(byteCount: size, alignment: alignment)
}
