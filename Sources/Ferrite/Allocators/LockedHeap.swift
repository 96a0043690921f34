/// An allocator behind a spin-lock: the global heap that several harts (or
/// threads) may call at once, and interrupt handlers too.
///
/// Every call masks interrupts on its core (`CriticalSection`) and takes the
/// lock for the duration of one allocator operation, so a handler that
/// interrupts a hart can allocate without ever waiting on a lock that hart
/// holds; the allocator type is a generic parameter, so calls are statically
/// dispatched and inlined (no existential on the hot path). Every operation is
/// `borrowing`: the heap is shared by reference.
public struct LockedHeap<Base: Allocator & ~Copyable>: ~Copyable {
    @usableFromInline let lock: SpinLock<Base>

    /// A locked heap whose allocator state lives on the global heap.
    public init(_ base: consuming Base) {
        lock = SpinLock(base)
    }

    /// A locked heap whose allocator state lives in `storage`: the runtime's
    /// global heap, which cannot allocate its own bookkeeping from itself.
    /// - Precondition: as for `SpinLock.init(_:storage:)`.
    public init(_ base: consuming Base, storage: UnsafeMutablePointer<Base>) {
        lock = SpinLock(base, storage: storage)
    }

    /// Runs `body` on the allocator with interrupts masked and the lock held,
    /// for operations the forwarding methods below do not cover.
    @inlinable
    public borrowing func withAllocator<R: ~Copyable, E: Error>(_ body: (inout Base) throws(E) -> R) throws(E) -> R {
        let state = CriticalSection.maskInterrupts()
        defer { CriticalSection.restoreInterrupts(state) }
        return try lock.withLock(body)
    }

    @inlinable
    public borrowing func allocate(_ layout: Layout) throws(AllocatorError) -> UnsafeMutableRawPointer {
        try withAllocator { (heap: inout Base) throws(AllocatorError) in try heap.allocate(layout) }
    }

    @inlinable
    public borrowing func deallocate(_ pointer: UnsafeMutableRawPointer, layout: Layout) throws(AllocatorError) {
        try withAllocator { (heap: inout Base) throws(AllocatorError) in try heap.deallocate(pointer, layout: layout) }
    }

    @inlinable
    public borrowing func reallocate(_ pointer: UnsafeMutableRawPointer, from oldLayout: Layout, toSize newSize: Int)
        throws(AllocatorError) -> UnsafeMutableRawPointer
    {
        try withAllocator { (heap: inout Base) throws(AllocatorError) in
            try heap.reallocate(pointer, from: oldLayout, toSize: newSize)
        }
    }

    @inlinable
    public borrowing func usableSize(of pointer: UnsafeMutableRawPointer) -> Int {
        withAllocator { heap in heap.usableSize(of: pointer) }
    }

    @inlinable
    public borrowing func statistics() -> HeapStatistics {
        withAllocator { heap in heap.statistics }
    }

    @inlinable
    public borrowing func validate() -> HeapViolation? {
        withAllocator { heap in heap.validate() }
    }
}

extension LockedHeap: @unchecked Sendable where Base: ~Copyable {}
