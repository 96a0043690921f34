/// The contract of C's allocation functions, over any Ferrite allocator.
///
/// The firmware runtime exports `malloc`, `free`, `calloc`, `realloc`,
/// `posix_memalign`, `aligned_alloc` and `malloc_usable_size` as thin wrappers
/// around these functions (holding the heap's lock for one call each); keeping
/// the rules here lets the hosted tests check them. Decisions where C leaves
/// room:
/// - `malloc(0)` returns a distinct minimum block, never NULL on success.
/// - `realloc(NULL, n)` is `malloc(n)`; `realloc(p, 0)` shrinks `p` to the
///   minimum block and returns it, so NULL from `realloc` always means failure
///   (and the old block is then untouched).
/// - `realloc` keeps the alignment the block was allocated with.
/// - `free(NULL)` does nothing; an invalid or double free is reported through
///   the returned error, never absorbed.
/// - `aligned_alloc` accepts any size; an alignment that is not a power of two
///   gives NULL.
public enum CAllocation {
    /// The alignment `malloc` guarantees: two words (C's `max_align_t` on the
    /// 64-bit and the Arm 32-bit ABIs Ferrite targets).
    public static var fundamentalAlignment: Int { 2 &* MemoryLayout<UInt>.size }

    /// `errno` values returned by `posixMemalign`.
    public static var EINVAL: Int32 { 22 }
    public static var ENOMEM: Int32 { 12 }

    /// C's `malloc`. A size with the top bit set (a negative `Int`) cannot be
    /// met and gives nil.
    /// - Complexity: the allocator's.
    @inlinable
    public static func malloc<A: Allocator & ~Copyable>(_ heap: inout A, size: Int) -> UnsafeMutableRawPointer? {
        guard let layout = try? Layout(size: size, alignment: fundamentalAlignment) else { return nil }
        return try? heap.allocate(layout)
    }

    /// C's `calloc`: nil when `count * size` overflows; otherwise zeroed memory.
    @inlinable
    public static func calloc<A: Allocator & ~Copyable>(_ heap: inout A, count: Int, size: Int) -> UnsafeMutableRawPointer? {
        guard count >= 0, size >= 0 else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow, let p = malloc(&heap, size: bytes) else { return nil }
        // SAFETY: `p` is a fresh block of at least `bytes` bytes.
        p.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        return p
    }

    /// C's `free`. Returns the allocator's complaint, if any, for the caller
    /// to report; the heap is unchanged in that case.
    @inlinable
    public static func free<A: Allocator & ~Copyable>(_ heap: inout A, _ pointer: UnsafeMutableRawPointer?) -> AllocatorError? {
        guard let pointer else { return nil }
        do throws(AllocatorError) {
            // C does not say the block's layout: every Ferrite allocator reads
            // the size from its header, and `.unknown` fits every block.
            try heap.deallocate(pointer, layout: .unknown)
            return nil
        } catch {
            return error
        }
    }

    /// C's `realloc`; see the type's documentation for the edge cases.
    /// An invalid or already freed `pointer` gives nil and the error.
    @inlinable
    public static func realloc<A: Allocator & ~Copyable>(
        _ heap: inout A, _ pointer: UnsafeMutableRawPointer?, size: Int
    ) -> (pointer: UnsafeMutableRawPointer?, error: AllocatorError?) {
        guard let pointer else { return (malloc(&heap, size: size), nil) }
        guard size >= 0 else { return (nil, nil) }
        do throws(AllocatorError) {
            return (try heap.reallocate(pointer, from: .unknown, toSize: size), nil)
        } catch {
            return (nil, error == .outOfMemory || error == .limitReached ? nil : error)
        }
    }

    /// C's `posix_memalign`: 0, `EINVAL` for an alignment that is not a power
    /// of two multiple of the pointer size, or `ENOMEM`. `result` is written
    /// only on success.
    @inlinable
    public static func posixMemalign<A: Allocator & ~Copyable>(
        _ heap: inout A, _ result: inout UnsafeMutableRawPointer?, alignment: Int, size: Int
    ) -> Int32 {
        guard isPowerOfTwo(alignment), alignment >= MemoryLayout<UnsafeRawPointer>.size else { return EINVAL }
        guard let layout = try? Layout(size: size, alignment: Swift.max(alignment, fundamentalAlignment)),
              let p = try? heap.allocate(layout) else { return ENOMEM }
        result = p
        return 0
    }

    /// C11's `aligned_alloc`: nil for an alignment that is not a power of two.
    @inlinable
    public static func alignedAlloc<A: Allocator & ~Copyable>(_ heap: inout A, alignment: Int, size: Int) -> UnsafeMutableRawPointer? {
        guard isPowerOfTwo(alignment),
              let layout = try? Layout(size: size, alignment: Swift.max(alignment, fundamentalAlignment)) else { return nil }
        return try? heap.allocate(layout)
    }

    /// `malloc_usable_size`: 0 for NULL.
    /// - Precondition: a non-nil `pointer` is a live block of `heap`.
    @inlinable
    public static func usableSize<A: Allocator & ~Copyable>(_ heap: inout A, _ pointer: UnsafeMutableRawPointer?) -> Int {
        guard let pointer else { return 0 }
        return heap.usableSize(of: pointer)
    }
}
