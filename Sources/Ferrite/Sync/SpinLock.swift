import Synchronization

/// A spin-lock protecting a value stored inline: the lock that guards the
/// runtime heap itself (so it must not allocate).
///
/// `withLock` runs the body with `inout` access between acquire and release
/// (test-and-test-and-set with bounded backoff, `RawSpinLock`); `withLockIfAvailable`
/// never waits. In debug builds the lock records its owner
/// (`ExecutionContext.current`) and traps with a message when the owner
/// locks it again, instead of deadlocking silently.
///
/// The value is inline, and Swift has no public interior-mutability cell, so
/// `withLock` is `mutating`: share a `SpinLock` by giving it one address — a
/// global (`nonisolated(unsafe)`) or memory reached through a pointer — and
/// let the lock, not the type system, provide the exclusion. To share a lock
/// through `Arc`, use `SpinMutex`, whose `withLock` is `borrowing`.
public struct SpinLock<Value: ~Copyable>: ~Copyable {
    /// Invariant: `value` is accessed only between `raw.lock()` and `raw.unlock()`.
    @usableFromInline let raw = RawSpinLock()
    #if DEBUG
    /// The holder's `ExecutionContext.current`, or 0.
    @usableFromInline let owner = Atomic<Int>(0)
    #endif
    @usableFromInline var value: Value

    public init(_ value: consuming Value) {
        self.value = value
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
    public mutating func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout Value) throws(E) -> Result
    ) throws(E) -> Result {
        acquire()
        defer { release() }
        return try body(&value)
    }

    /// Runs `body` if the lock is free; nil without waiting otherwise.
    @inlinable
    public mutating func withLockIfAvailable<Result: ~Copyable, E: Error>(
        _ body: (inout Value) throws(E) -> Result
    ) throws(E) -> Result? {
        guard raw.tryLock() else { return nil }
        #if DEBUG
        owner.store(ExecutionContext.current, ordering: .relaxed)
        #endif
        defer { release() }
        return try body(&value)
    }
}

extension SpinLock: @unchecked Sendable where Value: ~Copyable {}
