import Synchronization

/// Many readers or one writer, spinning (waiters wait as `SpinWait` says). A
/// writer that arrives raises a "writer waiting" flag that turns new readers
/// away, so a stream of readers cannot starve writers.
///
/// That preference has a price: a **nested read** (a read lock asked for
/// inside one the same hart or thread already holds) deadlocks if a writer
/// arrives between the two: the writer waits for the outer read to end, the
/// inner read waits for the writer. Asking for the write lock inside one's own
/// read or write lock, or for a read lock inside one's own write lock,
/// deadlocks always. Debug builds record the holders (`RwLockHolders`) and
/// trap with a message instead (`RwSpinLock: nested read lock while a writer
/// waits ...`), as `SpinLock` does on re-entry; release builds deadlock. Do
/// not take the lock again inside `withReadLock` or `withWriteLock`.
///
/// Like `SpinLock`, every operation is `borrowing` and the value lives in a
/// slot of its own on the global heap.
public struct RwSpinLock<Value: ~Copyable>: ~Copyable {
    /// Bit 0: a writer holds the lock. Bit 1: a writer is waiting. The rest:
    /// the number of readers inside, in units of 4.
    /// Invariant: readers > 0 implies no writer holds it, and the reverse.
    @usableFromInline let state = Atomic<UInt>(0)
    @usableFromInline let slot: ValueSlot<Value>
    #if DEBUG
    @usableFromInline let holders = RwLockHolders()
    #endif

    @usableFromInline static var writer: UInt { 1 }
    @usableFromInline static var writerWaiting: UInt { 2 }
    @usableFromInline static var reader: UInt { 4 }

    public init(_ value: consuming Value) {
        slot = ValueSlot(value)
    }

    /// True while a writer waits for the lock (a snapshot): new readers wait too.
    @inlinable
    public var isWriterWaiting: Bool { state.load(ordering: .relaxed) & Self.writerWaiting != 0 }

    /// Runs `body` with shared read access; waits while a writer holds or
    /// waits for the lock. Traps in debug builds where the wait could never
    /// end (see the type's doc): a nested read while a writer waits, a read
    /// inside one's own write lock.
    @inlinable
    public borrowing func withReadLock<Result: ~Copyable, E: Error>(
        _ body: (borrowing Value) throws(E) -> Result
    ) throws(E) -> Result {
        #if DEBUG
        let me = ExecutionContext.current
        var checked = false
        #endif
        var wait = SpinWait()
        var current = state.load(ordering: .relaxed)
        while true {
            if current & (Self.writer | Self.writerWaiting) != 0 {
                #if DEBUG
                // Once is enough: while we hold a read lock no writer gets in
                // (the flag stays), and while we hold the write lock the bit stays.
                if !checked { checkReadWait(me, current); checked = true }
                #endif
                wait.pause()
                current = state.load(ordering: .relaxed)
                continue
            }
            // Acquire pairs with the writer's releasing unlock.
            let (done, now) = state.weakCompareExchange(
                expected: current, desired: current &+ Self.reader,
                successOrdering: .acquiring, failureOrdering: .relaxed)
            if done { break }
            current = now
        }
        #if DEBUG
        let entry = holders.enterReader(me)
        #endif
        defer {
            #if DEBUG
            holders.leaveReader(entry)
            #endif
            // Release: our reads happen-before a later writer's writes.
            state.wrappingSubtract(Self.reader, ordering: .releasing)
        }
        // SAFETY: readers only read the slot while no writer holds the lock.
        return try body(slot.pointer.pointee)
    }

    /// Runs `body` with exclusive write access. Traps in debug builds when the
    /// caller already holds the lock (read or write): that wait never ends.
    @inlinable
    public borrowing func withWriteLock<Result: ~Copyable, E: Error>(
        _ body: (inout Value) throws(E) -> Result
    ) throws(E) -> Result {
        #if DEBUG
        let me = ExecutionContext.current
        var checked = false
        #endif
        var wait = SpinWait()
        var current = state.load(ordering: .relaxed)
        while true {
            if current & ~Self.writerWaiting == 0 {
                // No readers and no writer: take it, clearing our waiting flag.
                // Acquire pairs with the readers' and writer's releases.
                let (done, now) = state.weakCompareExchange(
                    expected: current, desired: Self.writer,
                    successOrdering: .acquiring, failureOrdering: .relaxed)
                if done { break }
                current = now
            } else {
                #if DEBUG
                if !checked { checkWriteWait(me); checked = true }
                #endif
                // Announce ourselves so no new reader gets in (relaxed: a flag only).
                if current & Self.writerWaiting == 0 { state.bitwiseOr(Self.writerWaiting, ordering: .relaxed) }
                wait.pause()
                current = state.load(ordering: .relaxed)
            }
        }
        #if DEBUG
        holders.writer.store(me, ordering: .relaxed)
        #endif
        defer {
            #if DEBUG
            holders.writer.store(0, ordering: .relaxed)
            #endif
            // Release: our writes happen-before the next reader's or writer's reads.
            state.bitwiseAnd(~Self.writer, ordering: .releasing)
        }
        // SAFETY: the writer bit excludes every reader and writer.
        return try body(&slot.pointer.pointee)
    }

    #if DEBUG
    /// Traps if a reader about to wait (the lock's state was `current`) would
    /// be waiting for itself.
    @usableFromInline
    borrowing func checkReadWait(_ me: Int, _ current: UInt) {
        if current & Self.writer != 0 && holders.isWriter(me) {
            ownershipFailure("RwSpinLock: read lock asked for inside the caller's own write lock (this would deadlock)")
        }
        if current & Self.writer == 0 && holders.isReader(me) {
            ownershipFailure("RwSpinLock: nested read lock while a writer waits (this would deadlock: the writer waits for the outer read, the inner read for the writer)")
        }
    }

    /// Traps if a writer about to wait would be waiting for itself.
    @usableFromInline
    borrowing func checkWriteWait(_ me: Int) {
        if holders.isWriter(me) {
            ownershipFailure("RwSpinLock: write lock re-entered by its holder (this would deadlock)")
        }
        if holders.isReader(me) {
            ownershipFailure("RwSpinLock: write lock asked for inside the caller's own read lock (this would deadlock)")
        }
    }
    #endif
}

extension RwSpinLock: @unchecked Sendable where Value: Sendable & ~Copyable {}
