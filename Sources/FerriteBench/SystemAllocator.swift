#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ferrite

/// The C library's malloc/free behind Ferrite's `Allocator` interface, so the
/// benchmark drives every allocator through the same specialised code.
/// Alignments up to 16 use `malloc` (glibc's own alignment); larger ones
/// `posix_memalign`.
struct SystemAllocator: Allocator {
    var counters = HeapStatistics()

    mutating func allocate(_ layout: Layout) throws(AllocatorError) -> UnsafeMutableRawPointer {
        if layout.alignment <= 16 {
            guard let p = malloc(layout.size) else { throw .outOfMemory }
            return p
        }
        var p: UnsafeMutableRawPointer? = nil
        guard posix_memalign(&p, layout.alignment, layout.size) == 0, let p else { throw .outOfMemory }
        return p
    }

    mutating func deallocate(_ pointer: UnsafeMutableRawPointer, layout: Layout) throws(AllocatorError) {
        free(pointer)
    }

    mutating func reallocate(_ pointer: UnsafeMutableRawPointer, from oldLayout: Layout, toSize newSize: Int)
        throws(AllocatorError) -> UnsafeMutableRawPointer
    {
        guard let p = realloc(pointer, newSize) else { throw .outOfMemory }
        return p
    }

    func usableSize(of pointer: UnsafeMutableRawPointer) -> Int { systemMallocUsableSize(pointer) }
    var statistics: HeapStatistics { counters }
    func validate() -> HeapViolation? { nil }
}

/// Monotonic nanoseconds.
@inline(__always)
func now() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return UInt64(t.tv_sec) &* 1_000_000_000 &+ UInt64(t.tv_nsec)
}

/// glibc's `malloc_usable_size` (declared in <malloc.h>, which the Glibc
/// module does not export).
@_silgen_name("malloc_usable_size")
func systemMallocUsableSize(_ pointer: UnsafeMutableRawPointer?) -> Int

/// glibc's `mallopt` (also only in <malloc.h>).
@_silgen_name("mallopt")
func systemMallopt(_ parameter: Int32, _ value: Int32) -> Int32
