import Synchronization

/// A bounded channel for many producers and one consumer, lock-free: a ring
/// whose every slot carries a sequence number that says whose turn it is
/// (the bounded-queue design of Dmitry Vyukov, producers only). Producers
/// claim a position by compare-exchange, write, then publish the slot; the
/// consumer takes slots in position order. Values are moved (they may be
/// `~Copyable`); nothing is lost, and each producer's values arrive in the
/// order it sent them. `send` spins while the channel is full; `trySend`
/// hands the value back.
///
/// - Precondition: one consumer at a time.
/// Memory: `capacity` values and `capacity` sequence words on the global heap.
public struct MPSCChannel<Value: ~Copyable>: ~Copyable {
    @usableFromInline let values: UnsafeMutablePointer<Value>
    /// Slot `i`'s sequence: `p` when free for position `p`, `p + 1` when
    /// holding position `p`'s value. Invariant: slot `i` is initialised iff its
    /// sequence is one past a position ≡ i (mod capacity).
    @usableFromInline let sequences: UnsafeMutablePointer<Atomic<Int>>
    @usableFromInline let mask: Int
    /// The next position a producer claims.
    @usableFromInline let tail = Atomic<Int>(0)
    /// The next position the consumer takes (consumer-only; atomic for Sendable).
    @usableFromInline let head = Atomic<Int>(0)

    /// - Precondition: `capacity` is a power of two, at least 2.
    public init(capacity: Int) {
        precondition(isPowerOfTwo(capacity) && capacity >= 2, "MPSCChannel: capacity must be a power of two >= 2")
        values = UnsafeMutablePointer<Value>.allocate(capacity: capacity)
        sequences = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: capacity)
        for i in 0..<capacity { (sequences + i).initialize(to: Atomic(i)) }
        mask = capacity &- 1
    }

    public var capacity: Int { mask &+ 1 }

    /// Moves `value` in, or hands it back if the channel is full.
    @inlinable
    public borrowing func trySend(_ value: consuming Value) -> Value? {
        var position = tail.load(ordering: .relaxed)
        while true {
            let slot = position & mask
            // Acquire pairs with the consumer's release of this slot.
            let sequence = sequences[slot].load(ordering: .acquiring)
            if sequence == position {
                // Relaxed: claiming the position orders nothing; publishing does.
                let (claimed, now) = tail.weakCompareExchange(
                    expected: position, desired: position &+ 1,
                    successOrdering: .relaxed, failureOrdering: .relaxed)
                if claimed {
                    (values + slot).initialize(to: value)
                    // Release: the value happen-before the consumer's acquire.
                    sequences[slot].store(position &+ 1, ordering: .releasing)
                    return nil
                }
                position = now
            } else if sequence &- position < 0 {
                return value                       // the slot is a lap behind: full
            } else {
                position = tail.load(ordering: .relaxed)
            }
        }
    }

    /// Moves `value` in, spinning while the channel is full.
    @inlinable
    public borrowing func send(_ value: consuming Value) {
        ExecutionContext.spin(offering: value) { trySend($0) }
    }

    /// Moves the next value out, or nil if none is ready.
    @inlinable
    public borrowing func tryReceive() -> Value? {
        let position = head.load(ordering: .relaxed)
        let slot = position & mask
        // Acquire pairs with the producer's releasing publish.
        guard sequences[slot].load(ordering: .acquiring) == position &+ 1 else { return nil }
        let value = (values + slot).move()
        head.store(position &+ 1, ordering: .relaxed)
        // Release: the slot is empty before a producer a lap ahead claims it.
        sequences[slot].store(position &+ mask &+ 1, ordering: .releasing)
        return value
    }

    /// Moves the next value out, spinning while none is ready.
    @inlinable
    public borrowing func receive() -> Value {
        ExecutionContext.spin { tryReceive() }
    }

    deinit {
        while tryReceive() != nil {}
        sequences.deinitialize(count: capacity)
        sequences.deallocate()
        values.deallocate()
    }
}

extension MPSCChannel: @unchecked Sendable where Value: Sendable & ~Copyable {}
