import Synchronization

/// A test-and-test-and-set spin-lock protecting a value.
///
/// Minimal by design (the sync issue grows it): `withLock` spins until the lock
/// is free, runs the body with `inout` access, and releases. There is no owner
/// tracking yet, so re-entering from the body deadlocks.
///
/// `withLock` is `mutating` because Swift has no public interior-mutability
/// cell yet; a `SpinLock` shared between harts therefore lives in a global
/// (`nonisolated(unsafe)`), and the lock, not the type system, provides the
/// exclusion. The `Atomic` flag is never copied: the lock is `~Copyable`.
public struct SpinLock<Value: ~Copyable>: ~Copyable {
    /// True while some hart holds the lock. Invariant: `value` is accessed only
    /// between a successful acquire of this flag and its release.
    @usableFromInline let locked = Atomic<Bool>(false)
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
        while true {
            // Acquire pairs with the release in the unlock below, so the previous
            // holder's writes to `value` are visible once we own the lock.
            if !locked.exchange(true, ordering: .acquiring) { break }
            // Test before retrying the exchange: spin on a plain load so waiting
            // harts share the cache line instead of bouncing it.
            while locked.load(ordering: .relaxed) {}
        }
        defer {
            // Release pairs with the acquiring exchange above: our writes to
            // `value` happen-before the next holder's reads.
            locked.store(false, ordering: .releasing)
        }
        return try body(&value)
    }
}

extension SpinLock: @unchecked Sendable where Value: ~Copyable {}
