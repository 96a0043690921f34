import Synchronization

/// The lock word alone: test-and-test-and-set on an atomic flag with bounded
/// exponential backoff, and `borrowing` operations so it can sit inside
/// shared structures. `SpinLock` and `CriticalSection` build on it.
///
/// There is no portable CPU-relax instruction in Swift 6.3 (and rv64imac has
/// none: `pause` is the Zihintpause extension), so waiting is relaxed loads,
/// whose number doubles up to `maximumBackoff` between attempts: fewer writes
/// to the contended line, and a fairer chance for the holder's release.
@frozen
public struct RawSpinLock: ~Copyable {
    /// True while someone holds the lock.
    @usableFromInline let locked = Atomic<Bool>(false)

    /// The most relaxed loads between two attempts.
    public static var maximumBackoff: Int { 64 }

    @inlinable
    public init() {}

    /// Spins until the lock is ours.
    @inlinable
    public borrowing func lock() {
        var backoff = 1, spins = 0
        while true {
            // Acquire pairs with the release in `unlock`: the previous holder's
            // writes to the protected data are visible once we own the lock.
            if !locked.exchange(true, ordering: .acquiring) { return }
            // Test before retrying the exchange: wait on plain loads so waiting
            // harts share the cache line instead of bouncing it.
            repeat {
                for _ in 0..<backoff { _ = locked.load(ordering: .relaxed) }
                backoff = Swift.min(backoff &<< 1, Self.maximumBackoff)
                spins &+= 1
                if spins & (ExecutionContext.spinsBeforeYield &- 1) == 0 { ExecutionContext.yieldProcessor() }
            } while locked.load(ordering: .relaxed)
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
