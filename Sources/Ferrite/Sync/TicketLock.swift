import Synchronization

/// A first-come, first-served spin-lock: each caller takes a ticket and waits
/// until it is served, so no hart can be overtaken indefinitely (a plain
/// spin-lock favours whoever's exchange lands first).
///
/// Like `SpinLock`, every operation is `borrowing` and the value lives in a
/// slot of its own on the global heap.
public struct TicketLock<Value: ~Copyable>: ~Copyable {
    /// The next ticket to hand out.
    @usableFromInline let nextTicket = Atomic<UInt>(0)
    /// The ticket allowed in. Invariant: `slot` is touched only by the holder
    /// of ticket `nowServing`, and `nowServing <= nextTicket` (mod 2^bits).
    @usableFromInline let nowServing = Atomic<UInt>(0)
    @usableFromInline let slot: ValueSlot<Value>

    public init(_ value: consuming Value) {
        slot = ValueSlot(value)
    }

    /// Runs `body` with exclusive access, after every caller that arrived first.
    /// - Complexity: O(1) plus the wait for the callers ahead.
    @inlinable
    public borrowing func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout Value) throws(E) -> Result
    ) throws(E) -> Result {
        // Relaxed: the ticket only orders us; the acquire below publishes data.
        let ticket = nextTicket.wrappingAdd(1, ordering: .relaxed).oldValue
        // Acquire pairs with the releasing store of the previous holder.
        // A FIFO lock waits for one particular thread: if it is not running,
        // only the waiter's yielding (`SpinWait`) lets it run.
        var wait = SpinWait()
        while nowServing.load(ordering: .acquiring) != ticket { wait.pause() }
        defer {
            // Release: our writes to `value` happen-before the next ticket's reads.
            nowServing.store(ticket &+ 1, ordering: .releasing)
        }
        // SAFETY: we hold ticket `nowServing`, so no one else touches the slot.
        return try body(&slot.pointer.pointee)
    }

    /// Callers holding or waiting for the lock (a snapshot).
    @inlinable
    public var queueLength: Int {
        Int(bitPattern: nextTicket.load(ordering: .relaxed) &- nowServing.load(ordering: .relaxed))
    }
}

extension TicketLock: @unchecked Sendable where Value: Sendable & ~Copyable {}
