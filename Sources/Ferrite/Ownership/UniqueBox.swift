/// The single owner of one heap value: Rust's `Box`.
///
/// `UniqueBox` is `~Copyable`, so the value has exactly one owner at a time;
/// ownership moves with `consume`, the value is read through `value` or
/// `withValue`, changed in place through `value` (`mutating`) or
/// `withMutableValue`, moved back out with `take()`, and destroyed and freed
/// exactly once by `deinit`. The value may itself be `~Copyable`, so recursive
/// owned structures (a cons list, a tree) can be built from boxes.
///
/// Memory layout: the allocation holds the value alone (no header); the box
/// itself is the pointer plus its `AllocatorReference` (four words).
@frozen
public struct UniqueBox<Value: ~Copyable>: ~Copyable {
    /// Invariant: points to an initialised `Value` in a block from `allocator`
    /// with `Layout.of(Value.self)`, owned by this box alone.
    @usableFromInline let pointer: UnsafeMutablePointer<Value>
    @usableFromInline let allocator: AllocatorReference

    /// Moves `value` into a new allocation on the global heap.
    /// - Complexity: one allocation.
    @inlinable
    public init(_ value: consuming Value) {
        pointer = UnsafeMutablePointer<Value>.allocate(capacity: 1)
        pointer.initialize(to: value)
        allocator = .global
    }

    /// Moves `value` into a new allocation from `allocator`.
    /// - Throws: the allocator's error when it cannot serve it (`.outOfMemory`,
    ///   `.limitReached`); the value is then destroyed.
    @inlinable
    public init(_ value: consuming Value, in allocator: AllocatorReference) throws(AllocatorError) {
        let raw = try allocator.allocate(Layout.of(Value.self))
        pointer = raw.bindMemory(to: Value.self, capacity: 1)
        pointer.initialize(to: value)
        self.allocator = allocator
    }

    /// The value, read in place (`borrowing`) or changed in place (`mutating`).
    @inlinable
    public var value: Value {
        _read { yield pointer.pointee }
        _modify { yield &pointer.pointee }
    }

    /// Runs `body` with the value borrowed.
    @inlinable
    public borrowing func withValue<R: ~Copyable, E: Error>(_ body: (borrowing Value) throws(E) -> R) throws(E) -> R {
        try body(pointer.pointee)
    }

    /// Runs `body` with the value borrowed mutably.
    @inlinable
    public mutating func withMutableValue<R: ~Copyable, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        try body(&pointer.pointee)
    }

    /// Moves the value out and frees the allocation; the box is gone.
    /// Traps with a message if the allocator refuses the free
    /// (`AllocatorReference.release`).
    /// - Complexity: one deallocation.
    @inlinable
    public consuming func take() -> Value {
        let value = pointer.move()
        allocator.release(UnsafeMutableRawPointer(pointer), Layout.of(Value.self), by: "UniqueBox")
        discard self
        return value
    }

    /// Destroys the value and frees the allocation; traps with a message if
    /// the allocator refuses the free (`AllocatorReference.release`).
    @inlinable
    deinit {
        pointer.deinitialize(count: 1)
        allocator.release(UnsafeMutableRawPointer(pointer), Layout.of(Value.self), by: "UniqueBox")
    }
}
