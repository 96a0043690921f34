// AddressSanitizer's manual poisoning, for `make asan`: the allocators tell
// ASan which bytes of their regions are free, so a use after free or an
// overflow into free space inside a Ferrite heap is caught like one in the
// system heap. Built in only with `-D FERRITE_ASAN` (which `make asan`
// passes along with `--sanitize=address`); in every other build these are
// empty and cost nothing.
//
// The rule that keeps ASan quiet about the allocators themselves: a block's
// payload is poisoned as it is freed, before any bookkeeping is written, and
// every bookkeeping access (`loadWord`/`storeWord`) unpoisons the one word
// it touches. Counts are `UInt`, computed without checks: in other builds the
// arguments are dead code and vanish from the allocators' hot paths (an
// `Int(...)` conversion would leave its overflow check behind).

#if FERRITE_ASAN
@usableFromInline @_silgen_name("__asan_poison_memory_region")
func asanPoisonMemoryRegion(_ address: UnsafeRawPointer, _ size: Int)

@usableFromInline @_silgen_name("__asan_unpoison_memory_region")
func asanUnpoisonMemoryRegion(_ address: UnsafeRawPointer, _ size: Int)
#endif

/// Marks `count` bytes at `address` as freed: under ASan, touching them is an error.
/// - Precondition: the caller owns the range (an allocator's own region).
@inlinable @inline(__always)
public func markFreed(_ address: UInt, count: UInt) {
    #if FERRITE_ASAN
    if count > 0, let start = UnsafeRawPointer(bitPattern: address) { asanPoisonMemoryRegion(start, Int(bitPattern: count)) }
    #endif
}

/// Marks `count` bytes at `address` as usable again (handed out, or bookkeeping).
/// - Precondition: the caller owns the range (an allocator's own region).
@inlinable @inline(__always)
public func markUsable(_ address: UInt, count: UInt) {
    #if FERRITE_ASAN
    if count > 0, let start = UnsafeRawPointer(bitPattern: address) { asanUnpoisonMemoryRegion(start, Int(bitPattern: count)) }
    #endif
}
