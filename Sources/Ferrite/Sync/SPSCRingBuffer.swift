import Synchronization

/// A bounded channel for one producer and one consumer: a ring of slots with
/// two atomic positions, no lock. Values are moved in and out (they may be
/// `~Copyable`); `send` spins while the ring is full (backpressure), `trySend`
/// hands the value back instead.
///
/// - Precondition: at most one thread or hart sends and at most one receives
///   at a time (`MPSCChannel` allows several producers).
/// Memory: one allocation of `capacity` values on the global heap.
public struct SPSCRingBuffer<Value: ~Copyable>: ~Copyable {
    /// Slots; those in `[head, tail)` (mod capacity) are initialised.
    @usableFromInline let slots: UnsafeMutablePointer<Value>
    @usableFromInline let mask: Int
    /// The next slot to read; written by the consumer only.
    @usableFromInline let head = Atomic<Int>(0)
    /// The next slot to write; written by the producer only.
    /// Invariant: `0 <= tail - head <= capacity`.
    @usableFromInline let tail = Atomic<Int>(0)

    /// - Precondition: `capacity` is a power of two, at least 1.
    public init(capacity: Int) {
        precondition(isPowerOfTwo(capacity), "SPSCRingBuffer: capacity must be a power of two")
        slots = UnsafeMutablePointer<Value>.allocate(capacity: capacity)
        mask = capacity &- 1
    }

    public var capacity: Int { mask &+ 1 }

    /// Moves `value` in, or hands it back if the ring is full.
    @inlinable
    public borrowing func trySend(_ value: consuming Value) -> Value? {
        let t = tail.load(ordering: .relaxed)          // our own position
        // Acquire pairs with the consumer's releasing store of `head`: the slot
        // it moved out of is free before we write it.
        if t &- head.load(ordering: .acquiring) > mask { return value }
        (slots + (t & mask)).initialize(to: value)
        // Release: the slot's contents happen-before the consumer reads them.
        tail.store(t &+ 1, ordering: .releasing)
        return nil
    }

    /// Moves `value` in, spinning while the ring is full.
    @inlinable
    public borrowing func send(_ value: consuming Value) {
        ExecutionContext.spin(offering: value) { trySend($0) }
    }

    /// Moves the oldest value out, or nil if the ring is empty.
    @inlinable
    public borrowing func tryReceive() -> Value? {
        let h = head.load(ordering: .relaxed)          // our own position
        // Acquire pairs with the producer's releasing store of `tail`.
        if h == tail.load(ordering: .acquiring) { return nil }
        let value = (slots + (h & mask)).move()
        // Release: we are done with the slot before the producer reuses it.
        head.store(h &+ 1, ordering: .releasing)
        return value
    }

    /// Moves the oldest value out, spinning while the ring is empty.
    @inlinable
    public borrowing func receive() -> Value {
        ExecutionContext.spin { tryReceive() }
    }

    deinit {
        var h = head.load(ordering: .acquiring)
        let t = tail.load(ordering: .acquiring)
        while h != t { (slots + (h & mask)).deinitialize(count: 1); h &+= 1 }
        slots.deallocate()
    }
}

extension SPSCRingBuffer: @unchecked Sendable where Value: Sendable & ~Copyable {}
