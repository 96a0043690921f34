import Synchronization

/// A first-come, first-served spin-lock: each caller takes a ticket and waits
/// until it is served, so no hart can be overtaken indefinitely (a plain
/// spin-lock favours whoever's exchange lands first).
///
/// Like `SpinLock`, the value is inline and `withLock` is `mutating`: share it
/// by giving it one address (a global or a pointer).
public struct TicketLock<Value: ~Copyable>: ~Copyable {
    /// The next ticket to hand out.
    @usableFromInline let nextTicket = Atomic<UInt>(0)
    /// The ticket allowed in. Invariant: `value` is touched only by the holder
    /// of ticket `nowServing`, and `nowServing <= nextTicket` (mod 2^bits).
    @usableFromInline let nowServing = Atomic<UInt>(0)
    @usableFromInline var value: Value

    public init(_ value: consuming Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access, after every caller that arrived first.
    /// - Complexity: O(1) plus the wait for the callers ahead.
    @inlinable
    public mutating func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout Value) throws(E) -> Result
    ) throws(E) -> Result {
        // Relaxed: the ticket only orders us; the acquire below publishes data.
        let ticket = nextTicket.wrappingAdd(1, ordering: .relaxed).oldValue
        // Acquire pairs with the releasing store of the previous holder.
        while nowServing.load(ordering: .acquiring) != ticket {}
        defer {
            // Release: our writes to `value` happen-before the next ticket's reads.
            nowServing.store(ticket &+ 1, ordering: .releasing)
        }
        return try body(&value)
    }

    /// Callers holding or waiting for the lock (a snapshot).
    @inlinable
    public var queueLength: Int {
        Int(bitPattern: nextTicket.load(ordering: .relaxed) &- nowServing.load(ordering: .relaxed))
    }
}

extension TicketLock: @unchecked Sendable where Value: ~Copyable {}
