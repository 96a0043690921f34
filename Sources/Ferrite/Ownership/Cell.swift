/// A value that can be read and replaced through a shared (borrowed)
/// reference, without ever handing out a reference into it: Rust's `Cell`.
///
/// Swift has no public interior-mutability primitive (Rust's `UnsafeCell`),
/// and writing through a borrowed struct's own storage would break the
/// compiler's assumptions. So a `Cell` keeps its value in a small slot of its
/// own on the global heap and writes through that pointer: sound, at the cost
/// of one allocation per cell (the size of `Value`, no header).
/// Not thread-safe: a `Cell` is for one core, like `Rc`.
@frozen
public struct Cell<Value: BitwiseCopyable>: ~Copyable {
    /// Written only through this cell, which lives on one core.
    @usableFromInline let slot: ValueSlot<Value>

    @inlinable
    public init(_ value: Value) {
        slot = ValueSlot(value)
    }

    /// A copy of the value.
    @inlinable
    public borrowing func get() -> Value { slot.pointer.pointee }

    /// Replaces the value.
    @inlinable
    public borrowing func set(_ value: Value) { slot.pointer.pointee = value }

    /// Replaces the value and returns the old one.
    @inlinable
    public borrowing func replace(_ value: Value) -> Value {
        let old = slot.pointer.pointee
        slot.pointer.pointee = value
        return old
    }

    /// Exchanges the values of two cells.
    @inlinable
    public borrowing func swap(with other: borrowing Cell<Value>) {
        let mine = slot.pointer.pointee
        slot.pointer.pointee = other.slot.pointer.pointee
        other.slot.pointer.pointee = mine
    }
}
