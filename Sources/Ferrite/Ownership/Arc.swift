import Synchronization

/// The two atomic counts at the start of an `Arc` allocation.
@usableFromInline
struct ArcCounts: ~Copyable {
    /// Owners of the value. The value is alive iff `strong > 0`; once it has
    /// reached 0 it never rises again (`upgrade` refuses to revive it).
    @usableFromInline let strong: Atomic<Int>
    /// `ArcWeak`s, plus one held by all strong owners together while any exist.
    @usableFromInline let weak: Atomic<Int>

    @inlinable init() { strong = Atomic(1); weak = Atomic(1) }
}

/// Counts above this trap instead of wrapping (Rust aborts at `isize::MAX`;
/// the margin leaves room for racing increments that are about to be undone).
@usableFromInline let arcCountLimit = Int.max / 2

/// Shared ownership across harts and threads: Rust's `Arc`.
///
/// Like `Rc` (explicit `clone()`, read-only sharing, value destroyed with the
/// last owner, memory freed with the last weak reference), with atomic counts:
/// - `clone` increments with relaxed ordering: a new owner can only be made
///   from an existing one, which already keeps the value alive, so nothing
///   needs to be ordered against the increment.
/// - dropping decrements with release ordering, so every owner's use of the
///   value happens-before the decrement; the owner that brings the count to 0
///   then issues an acquire fence, pairing with those releases, before it
///   destroys the value.
/// - `ArcWeak.upgrade` increments only from a non-zero count, by
///   compare-exchange, so a value being destroyed is never revived.
/// - a count past `Int.max / 2` traps with a message instead of wrapping.
///
/// Memory layout: `[strong][weak][value]`: two words per allocation.
@frozen
public struct Arc<Value: ~Copyable>: ~Copyable {
    /// Invariant: points to the counts of a live allocation whose `strong >= 1`
    /// counts this owner.
    @usableFromInline let box: UnsafeMutablePointer<ArcCounts>
    @usableFromInline let allocator: AllocatorReference

    @usableFromInline typealias Storage = CountedLayout<ArcCounts, Value>

    @inlinable
    init(box: UnsafeMutablePointer<ArcCounts>, allocator: AllocatorReference) {
        self.box = box
        self.allocator = allocator
    }

    /// Moves `value` into a new shared allocation on the global heap.
    @inlinable
    public init(_ value: consuming Value) {
        // The global heap never throws (it stops the program when exhausted).
        let box = try! Storage.allocate(ArcCounts(), value, from: .global)
        self.init(box: box, allocator: .global)
    }

    /// Moves `value` into a new shared allocation from `allocator`.
    /// - Precondition: `allocator` may be called from every thread that drops
    ///   an owner (the global heap may; a Ferrite allocator needs a lock).
    /// - Throws: the allocator's error (`.outOfMemory`, `.limitReached`).
    @inlinable
    public init(_ value: consuming Value, in allocator: AllocatorReference) throws(AllocatorError) {
        let box = try Storage.allocate(ArcCounts(), value, from: allocator)
        self.init(box: box, allocator: allocator)
    }

    /// Another owner of the same value.
    /// - Complexity: one atomic increment.
    @inlinable
    public borrowing func clone() -> Arc<Value> {
        // Relaxed: this owner keeps the value alive; no other memory is published.
        let old = box.pointee.strong.wrappingAdd(1, ordering: .relaxed).oldValue
        if old > arcCountLimit { ownershipFailure("Arc: strong count overflow") }
        return Arc(box: box, allocator: allocator)
    }

    /// A weak reference to the same allocation.
    @inlinable
    public borrowing func downgrade() -> ArcWeak<Value> {
        // Relaxed, as for clone: this owner keeps the allocation alive.
        let old = box.pointee.weak.wrappingAdd(1, ordering: .relaxed).oldValue
        if old > arcCountLimit { ownershipFailure("Arc: weak count overflow") }
        return ArcWeak(box: box, allocator: allocator)
    }

    /// The shared value, read in place.
    @inlinable
    public var value: Value {
        _read { yield Storage.value(box).pointee }
    }

    /// Runs `body` with the shared value borrowed.
    @inlinable
    public borrowing func withValue<R: ~Copyable, E: Error>(_ body: (borrowing Value) throws(E) -> R) throws(E) -> R {
        try body(Storage.value(box).pointee)
    }

    /// Owners right now (a snapshot: other threads may change it at once).
    @inlinable
    public var strongCount: Int { box.pointee.strong.load(ordering: .relaxed) }

    /// Weak references right now (a snapshot).
    @inlinable
    public var weakCount: Int { box.pointee.weak.load(ordering: .relaxed) &- 1 }

    @inlinable
    deinit {
        // Release: our uses of the value happen-before whoever destroys it.
        if box.pointee.strong.wrappingSubtract(1, ordering: .releasing).oldValue != 1 { return }
        // Acquire fence: pairs with every other owner's releasing decrement,
        // so all their uses of the value happen-before its destruction.
        atomicMemoryFence(ordering: .acquiring)
        Storage.value(box).deinitialize(count: 1)
        ArcWeak<Value>.release(box, allocator)
    }
}
