import Synchronization

/// The lock word alone: test-and-test-and-set on an atomic flag, with
/// `borrowing` operations so it can sit inside shared structures.
/// `SpinLock` and `SpinMutex` build on it.
@frozen
public struct RawSpinLock: ~Copyable {
    /// True while someone holds the lock.
    @usableFromInline let locked = Atomic<Bool>(false)

    @inlinable
    public init() {}

    /// Spins until the lock is ours.
    @inlinable
    public borrowing func lock() {
        while true {
            // Acquire pairs with the release in `unlock`: the previous holder's
            // writes to the protected data are visible once we own the lock.
            if !locked.exchange(true, ordering: .acquiring) { return }
            // Test before retrying the exchange: spin on a plain load so
            // waiting harts share the cache line instead of bouncing it.
            while locked.load(ordering: .relaxed) {}
        }
    }

    /// Takes the lock if it is free; never waits.
    @inlinable
    public borrowing func tryLock() -> Bool {
        // Acquire on success, as in `lock`; relaxed on failure (nothing read).
        locked.compareExchange(expected: false, desired: true, successOrdering: .acquiring, failureOrdering: .relaxed).exchanged
    }

    /// Releases the lock.
    /// - Precondition: the caller holds it.
    @inlinable
    public borrowing func unlock() {
        // Release pairs with the acquiring exchange in `lock`: our writes to
        // the protected data happen-before the next holder's reads.
        locked.store(false, ordering: .releasing)
    }
}
