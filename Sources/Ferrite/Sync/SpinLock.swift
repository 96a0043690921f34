import Synchronization

/// A spin-lock protecting a value: `withLock` gives `inout` access to it
/// between acquire and release (test-and-test-and-set with bounded backoff,
/// `RawSpinLock`); `withLockIfAvailable` never waits. In debug builds the lock
/// records its owner (`ExecutionContext.current`) and traps with a message
/// when the owner locks it again, instead of deadlocking silently.
///
/// Every operation is `borrowing`, so one lock can be shared by reference —
/// through `Arc`, a pointer, or a global — like Rust's `Mutex`. For that to be
/// sound without a public interior-mutability primitive (and clean under the
/// thread sanitizer), the value lives in a slot of its own, written through a
/// pointer only while the lock is held: by default a slot on the global heap,
/// or caller-supplied storage (`init(_:storage:)`), which the runtime heap's
/// own lock uses because it cannot allocate from itself.
public struct SpinLock<Value: ~Copyable>: ~Copyable {
    /// Invariant: `slot` is accessed only between `raw.lock()` and `raw.unlock()`.
    @usableFromInline let raw = RawSpinLock()
    #if DEBUG
    /// The holder's `ExecutionContext.current`, or 0.
    @usableFromInline let owner = Atomic<Int>(0)
    #endif
    @usableFromInline let slot: ValueSlot<Value>

    /// A lock whose value lives on the global heap.
    public init(_ value: consuming Value) {
        slot = ValueSlot(value)
    }

    /// A lock whose value lives in `storage`.
    /// - Precondition: `storage` is uninitialised memory for one `Value`, used
    ///   by nothing else and valid for the lock's lifetime; the lock
    ///   deinitialises but does not free it.
    public init(_ value: consuming Value, storage: UnsafeMutablePointer<Value>) {
        slot = ValueSlot(value, storage: storage)
    }

    @inlinable
    borrowing func acquire() {
        #if DEBUG
        let me = ExecutionContext.current
        // Relaxed: only the owner itself ever stores its own id.
        if owner.load(ordering: .relaxed) == me && raw.isLocked {
            ownershipFailure("SpinLock: re-entered by its owner (this would deadlock)")
        }
        raw.lock()
        owner.store(me, ordering: .relaxed)
        #else
        raw.lock()
        #endif
    }

    @inlinable
    borrowing func release() {
        #if DEBUG
        owner.store(0, ordering: .relaxed)
        #endif
        raw.unlock()
    }

    /// Runs `body` with exclusive access to the value.
    /// - Complexity: O(1) plus the wait for the holder.
    @inlinable
    public borrowing func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout Value) throws(E) -> Result
    ) throws(E) -> Result {
        acquire()
        defer { release() }
        // SAFETY: the lock is held, so no one else touches the slot.
        return try body(&slot.pointer.pointee)
    }

    /// Runs `body` if the lock is free; nil without waiting otherwise.
    @inlinable
    public borrowing func withLockIfAvailable<Result: ~Copyable, E: Error>(
        _ body: (inout Value) throws(E) -> Result
    ) throws(E) -> Result? {
        guard raw.tryLock() else { return nil }
        #if DEBUG
        owner.store(ExecutionContext.current, ordering: .relaxed)
        #endif
        defer { release() }
        return try body(&slot.pointer.pointee)
    }
}

extension SpinLock: @unchecked Sendable where Value: Sendable & ~Copyable {}
