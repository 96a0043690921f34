/// An allocator behind a spin-lock: the global heap that several harts (or
/// threads) may call at once, and interrupt handlers too.
///
/// Every call masks interrupts on its core (`CriticalSection`) and takes the
/// lock for the duration of one allocator operation, so a handler that
/// interrupts a hart can allocate without ever waiting on a lock that hart
/// holds;
/// the allocator type is a generic parameter, so calls are statically
/// dispatched and inlined (no existential on the hot path).
public struct LockedHeap<Base: Allocator & ~Copyable>: ~Copyable {
    @usableFromInline var lock: SpinLock<Base>

    public init(_ base: consuming Base) {
        lock = SpinLock(base)
    }

    /// Runs `body` on the allocator with the lock held, for operations the
    /// forwarding methods below do not cover (adding a region, a walk).
    @inlinable
    public mutating func withAllocator<R: ~Copyable, E: Error>(_ body: (inout Base) throws(E) -> R) throws(E) -> R {
        let state = CriticalSection.maskInterrupts()
        defer { CriticalSection.restoreInterrupts(state) }
        return try lock.withLock(body)
    }

    @inlinable
    public mutating func allocate(_ layout: Layout) throws(AllocatorError) -> UnsafeMutableRawPointer {
        try withAllocator { (heap: inout Base) throws(AllocatorError) in try heap.allocate(layout) }
    }

    @inlinable
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, layout: Layout) throws(AllocatorError) {
        try withAllocator { (heap: inout Base) throws(AllocatorError) in try heap.deallocate(pointer, layout: layout) }
    }

    @inlinable
    public mutating func reallocate(_ pointer: UnsafeMutableRawPointer, from oldLayout: Layout, toSize newSize: Int)
        throws(AllocatorError) -> UnsafeMutableRawPointer
    {
        try withAllocator { (heap: inout Base) throws(AllocatorError) in
            try heap.reallocate(pointer, from: oldLayout, toSize: newSize)
        }
    }

    @inlinable
    public mutating func usableSize(of pointer: UnsafeMutableRawPointer) -> Int {
        withAllocator { heap in heap.usableSize(of: pointer) }
    }

    @inlinable
    public mutating func statistics() -> HeapStatistics {
        withAllocator { heap in heap.statistics }
    }

    @inlinable
    public mutating func validate() -> HeapViolation? {
        withAllocator { heap in heap.validate() }
    }
}
