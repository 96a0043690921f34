/// The two counts at the start of an `Rc` allocation.
@frozen @usableFromInline
struct RcCounts {
    /// Owners of the value. The value is alive iff `strong > 0`.
    @usableFromInline var strong: Int
    /// `Weak`s, plus one held by all strong owners together while any exist.
    /// The memory is freed when this reaches 0.
    @usableFromInline var weak: Int

    @inlinable init(strong: Int, weak: Int) { self.strong = strong; self.weak = weak }
}

/// Where things sit in a reference-counted allocation: the counts (`Header`)
/// first, the value after them at its own alignment.
@usableFromInline
enum CountedLayout<Header: ~Copyable, Value: ~Copyable> {
    @inlinable static var valueOffset: Int {
        Int(alignUp(UInt(MemoryLayout<Header>.stride), to: UInt(MemoryLayout<Value>.alignment)))
    }
    @inlinable static var layout: Layout {
        Layout(uncheckedSize: valueOffset &+ MemoryLayout<Value>.size,
               alignment: Swift.max(MemoryLayout<Header>.alignment, MemoryLayout<Value>.alignment))
    }
    /// - Precondition: `header` starts an allocation with `layout`.
    @inlinable static func value(_ header: UnsafeMutablePointer<Header>) -> UnsafeMutablePointer<Value> {
        (UnsafeMutableRawPointer(header) + valueOffset).assumingMemoryBound(to: Value.self)
    }
    /// A new allocation with the header and the value moved in.
    /// - Throws: the allocator's error (the header and value are then destroyed).
    @inlinable static func allocate(_ header: consuming Header, _ value: consuming Value, from allocator: AllocatorReference)
        throws(AllocatorError) -> UnsafeMutablePointer<Header> {
        let raw = try allocator.allocate(layout)
        let counts = raw.bindMemory(to: Header.self, capacity: 1)
        counts.initialize(to: header)
        // SAFETY: the value slot lies inside the block just allocated, aligned by `layout`.
        (raw + valueOffset).bindMemory(to: Value.self, capacity: 1).initialize(to: value)
        return counts
    }
}

/// Shared ownership for one core: Rust's `Rc`.
///
/// `Rc` is `~Copyable`: a second owner exists only through an explicit
/// `clone()`, so every count change is visible in the code. The value is
/// shared read-only (`value`, `withValue`); put a `RefCell` or `Cell` inside
/// for mutation. Dropping the last strong owner destroys the value; the memory
/// goes back when the last `Weak` goes too. The counts are plain integers:
/// an `Rc` must stay on one hart or thread (use `Arc` to share across them).
///
/// Memory layout: `[strong][weak][value]`: two words per allocation; the `Rc`
/// itself is the pointer plus its `AllocatorReference` (four words).
@frozen
public struct Rc<Value: ~Copyable>: ~Copyable {
    /// Invariant: points to the counts of a live allocation (`CountedLayout`)
    /// whose `strong >= 1` counts this owner.
    @usableFromInline let box: UnsafeMutablePointer<RcCounts>
    @usableFromInline let allocator: AllocatorReference

    @usableFromInline typealias Storage = CountedLayout<RcCounts, Value>

    @inlinable
    init(box: UnsafeMutablePointer<RcCounts>, allocator: AllocatorReference) {
        self.box = box
        self.allocator = allocator
    }

    /// Moves `value` into a new shared allocation on the global heap.
    @inlinable
    public init(_ value: consuming Value) {
        // The global heap never throws (it stops the program when exhausted).
        let box = try! Storage.allocate(RcCounts(strong: 1, weak: 1), value, from: .global)
        self.init(box: box, allocator: .global)
    }

    /// Moves `value` into a new shared allocation from `allocator`.
    /// - Throws: the allocator's error (`.outOfMemory`, `.limitReached`).
    @inlinable
    public init(_ value: consuming Value, in allocator: AllocatorReference) throws(AllocatorError) {
        let box = try Storage.allocate(RcCounts(strong: 1, weak: 1), value, from: allocator)
        self.init(box: box, allocator: allocator)
    }

    /// Another owner of the same value (Rust's `Rc::clone`).
    /// Traps with a message if the count would overflow.
    /// - Complexity: O(1).
    @inlinable
    public borrowing func clone() -> Rc<Value> {
        if box.pointee.strong == Int.max { ownershipFailure("Rc: strong count overflow") }
        box.pointee.strong &+= 1
        return Rc(box: box, allocator: allocator)
    }

    /// A non-owning reference that can be upgraded while an owner exists.
    @inlinable
    public borrowing func downgrade() -> Weak<Value> {
        if box.pointee.weak == Int.max { ownershipFailure("Rc: weak count overflow") }
        box.pointee.weak &+= 1
        return Weak(box: box, allocator: allocator)
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

    /// Owners of the value, this one included.
    @inlinable
    public var strongCount: Int { box.pointee.strong }

    /// `Weak` references to the value.
    @inlinable
    public var weakCount: Int { box.pointee.weak &- 1 }

    /// True when both name the same allocation.
    @inlinable
    public borrowing func sharesAllocation(with other: borrowing Rc<Value>) -> Bool { box == other.box }

    @inlinable
    deinit {
        box.pointee.strong &-= 1
        if box.pointee.strong != 0 { return }
        // The last owner: destroy the value, then give up the strong owners'
        // collective weak reference (which frees the memory if no Weak is left).
        Storage.value(box).deinitialize(count: 1)
        box.pointee.weak &-= 1
        if box.pointee.weak == 0 {
            allocator.release(UnsafeMutableRawPointer(box), Storage.layout, by: "Rc")
        }
    }
}

/// A non-owning reference to an `Rc`'s value: Rust's `rc::Weak`. It keeps the
/// allocation (not the value) alive, and `upgrade()` gives an owner back only
/// while the value exists, so a parent link or a cache cannot keep a structure
/// alive or form a leaking cycle.
@frozen
public struct Weak<Value: ~Copyable>: ~Copyable {
    /// Invariant: points to the counts of an `Rc` allocation whose `weak`
    /// count includes this reference.
    @usableFromInline let box: UnsafeMutablePointer<RcCounts>
    @usableFromInline let allocator: AllocatorReference

    @inlinable
    init(box: UnsafeMutablePointer<RcCounts>, allocator: AllocatorReference) {
        self.box = box
        self.allocator = allocator
    }

    /// An owner of the value, or nil once the last owner has gone.
    /// - Complexity: O(1).
    @inlinable
    public borrowing func upgrade() -> Rc<Value>? {
        let strong = box.pointee.strong
        guard strong > 0 else { return nil }
        if strong == Int.max { ownershipFailure("Rc: strong count overflow") }
        box.pointee.strong = strong &+ 1
        return Rc(box: box, allocator: allocator)
    }

    /// Another weak reference to the same allocation.
    @inlinable
    public borrowing func clone() -> Weak<Value> {
        if box.pointee.weak == Int.max { ownershipFailure("Rc: weak count overflow") }
        box.pointee.weak &+= 1
        return Weak(box: box, allocator: allocator)
    }

    /// Owners still alive (0 once the value is gone).
    @inlinable
    public var strongCount: Int { box.pointee.strong }

    /// `Weak` references, this one included.
    @inlinable
    public var weakCount: Int { box.pointee.weak &- (box.pointee.strong > 0 ? 1 : 0) }

    @inlinable
    deinit {
        box.pointee.weak &-= 1
        if box.pointee.weak == 0 {
            allocator.release(UnsafeMutableRawPointer(box), CountedLayout<RcCounts, Value>.layout, by: "Weak")
        }
    }
}
