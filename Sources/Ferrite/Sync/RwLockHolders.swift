import Synchronization

/// Who holds a `RwSpinLock`, kept in debug builds only: the writer's
/// `ExecutionContext.current` and up to `capacity` readers', so that a caller
/// about to wait for the lock can tell it would be waiting for itself, and trap
/// with a message instead of deadlocking (as `SpinLock` does on re-entry).
///
/// Readers beyond `capacity`, and callers whose id is 0 (no `identify`
/// installed), go untracked: a missed detection, never a false one.
@usableFromInline
struct RwLockHolders: ~Copyable {
    @usableFromInline static var capacity: Int { 8 }

    /// The writer's id, or 0. Stored only by the writer itself.
    @usableFromInline let writer = Atomic<Int>(0)
    /// `capacity` entries: a reader's id, or 0 when free.
    /// Invariant: an entry holds an id only while that context is inside a
    /// read lock, and only that context stores into it while it does.
    @usableFromInline let readers: UnsafeMutablePointer<Atomic<Int>>

    @usableFromInline init() {
        readers = .allocate(capacity: Self.capacity)
        for i in 0..<Self.capacity { (readers + i).initialize(to: Atomic(0)) }
    }

    deinit {
        readers.deinitialize(count: Self.capacity)
        readers.deallocate()
    }

    // Every ordering below is relaxed: the table is a diagnostic, not part of
    // the lock (the lock's state word orders the protected data), and a
    // context only ever compares its own id, which only it stores.

    /// Records `me` as a reader inside; returns its entry, or -1 if untracked.
    @inlinable
    func enterReader(_ me: Int) -> Int {
        guard me != 0 else { return -1 }
        for i in 0..<Self.capacity
        where readers[i].compareExchange(expected: 0, desired: me, successOrdering: .relaxed, failureOrdering: .relaxed).exchanged {
            return i
        }
        return -1
    }

    /// Clears the entry `enterReader` returned.
    @inlinable
    func leaveReader(_ entry: Int) {
        if entry >= 0 { readers[entry].store(0, ordering: .relaxed) }
    }

    /// True when `me` is inside a read lock (as far as the table knows).
    @inlinable
    func isReader(_ me: Int) -> Bool {
        guard me != 0 else { return false }
        for i in 0..<Self.capacity where readers[i].load(ordering: .relaxed) == me { return true }
        return false
    }

    /// True when `me` holds the write lock.
    @inlinable
    func isWriter(_ me: Int) -> Bool {
        me != 0 && writer.load(ordering: .relaxed) == me
    }
}
