import Synchronization

/// Many readers or one writer, spinning. A writer that arrives raises a
/// "writer waiting" flag that turns new readers away, so a stream of readers
/// cannot starve writers.
///
/// Like `SpinLock`, every operation is `borrowing` and the value lives in a
/// slot of its own on the global heap.
public struct RwSpinLock<Value: ~Copyable>: ~Copyable {
    /// Bit 0: a writer holds the lock. Bit 1: a writer is waiting. The rest:
    /// the number of readers inside, in units of 4.
    /// Invariant: readers > 0 implies no writer holds it, and the reverse.
    @usableFromInline let state = Atomic<UInt>(0)
    @usableFromInline let slot: ValueSlot<Value>

    @usableFromInline static var writer: UInt { 1 }
    @usableFromInline static var writerWaiting: UInt { 2 }
    @usableFromInline static var reader: UInt { 4 }

    public init(_ value: consuming Value) {
        slot = ValueSlot(value)
    }

    /// Runs `body` with shared read access; waits while a writer holds or
    /// waits for the lock.
    @inlinable
    public borrowing func withReadLock<Result: ~Copyable, E: Error>(
        _ body: (borrowing Value) throws(E) -> Result
    ) throws(E) -> Result {
        var current = state.load(ordering: .relaxed)
        while true {
            if current & (Self.writer | Self.writerWaiting) != 0 {
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
        // Release: our reads happen-before a later writer's writes.
        defer { state.wrappingSubtract(Self.reader, ordering: .releasing) }
        // SAFETY: readers only read the slot while no writer holds the lock.
        return try body(slot.pointer.pointee)
    }

    /// Runs `body` with exclusive write access.
    @inlinable
    public borrowing func withWriteLock<Result: ~Copyable, E: Error>(
        _ body: (inout Value) throws(E) -> Result
    ) throws(E) -> Result {
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
                // Announce ourselves so no new reader gets in (relaxed: a flag only).
                if current & Self.writerWaiting == 0 { state.bitwiseOr(Self.writerWaiting, ordering: .relaxed) }
                current = state.load(ordering: .relaxed)
            }
        }
        // Release: our writes happen-before the next reader's or writer's reads.
        defer { state.bitwiseAnd(~Self.writer, ordering: .releasing) }
        // SAFETY: the writer bit excludes every reader and writer.
        return try body(&slot.pointer.pointee)
    }
}

extension RwSpinLock: @unchecked Sendable where Value: Sendable & ~Copyable {}
