import Synchronization

/// The lock word alone: test-and-test-and-set on an atomic flag, and
/// `borrowing` operations so it can sit inside shared structures. `SpinLock`
/// and `CriticalSection` build on it. A waiter waits on relaxed loads of the
/// word (so waiting harts share its cache line instead of bouncing it), with
/// the backoff and yielding of every Ferrite waiter (`SpinWait`).
@frozen
public struct RawSpinLock: ~Copyable {
    /// True while someone holds the lock.
    @usableFromInline let locked = Atomic<Bool>(false)

    @inlinable
    public init() {}

    /// Spins until the lock is ours.
    @inlinable
    public borrowing func lock() {
        var wait = SpinWait()
        while true {
            // Acquire pairs with the release in `unlock`: the previous holder's
            // writes to the protected data are visible once we own the lock.
            if !locked.exchange(true, ordering: .acquiring) { return }
            // Test before retrying the exchange: wait on relaxed loads (they
            // order nothing; the exchange above acquires) so waiting harts
            // share the cache line instead of bouncing it.
            repeat { wait.pause() } while locked.load(ordering: .relaxed)
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

    /// True while someone holds the lock (a snapshot).
    @inlinable
    public var isLocked: Bool { locked.load(ordering: .relaxed) }
}
