import Synchronization

/// A test-and-test-and-set spin-lock protecting a value.
///
/// Minimal by design (the sync issue grows it): `withLock` spins until the lock
/// is free, runs the body with `inout` access, and releases. There is no owner
/// tracking yet, so re-entering from the body deadlocks.
///
/// `withLock` is `mutating` because Swift has no public interior-mutability
/// cell yet and this lock keeps its value inline (it guards the runtime heap
/// itself, so it must not allocate); a `SpinLock` shared between harts
/// therefore lives in a global (`nonisolated(unsafe)`), and the lock, not the
/// type system, provides the exclusion. To share a lock through `Arc`, use
/// `SpinMutex`, whose `withLock` is `borrowing`.
public struct SpinLock<Value: ~Copyable>: ~Copyable {
    /// Invariant: `value` is accessed only between `lock()` and `unlock()`.
    @usableFromInline let raw = RawSpinLock()
    @usableFromInline var value: Value

    public init(_ value: consuming Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value.
    /// - Complexity: O(1) plus the wait for the holder.
    @inlinable
    public mutating func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout Value) throws(E) -> Result
    ) throws(E) -> Result {
        raw.lock()
        defer { raw.unlock() }
        return try body(&value)
    }
}

extension SpinLock: @unchecked Sendable where Value: ~Copyable {}
