/// One value in memory of its own, reached through a pointer: how `SpinLock`,
/// `TicketLock`, `RwSpinLock` and `Cell` let a shared (borrowed) owner change
/// their value soundly, since Swift has no public interior-mutability
/// primitive (Rust's `UnsafeCell`). The owner decides when the pointer may be
/// written (under its lock, or on one core only).
@frozen
public struct ValueSlot<Value: ~Copyable>: ~Copyable {
    /// Invariant: initialised for the slot's whole life.
    public let pointer: UnsafeMutablePointer<Value>
    /// Whether `pointer` came from the global heap (and goes back in `deinit`).
    @usableFromInline let owned: Bool

    /// A slot on the global heap (one allocation, no header).
    @inlinable
    public init(_ value: consuming Value) {
        pointer = UnsafeMutablePointer<Value>.allocate(capacity: 1)
        pointer.initialize(to: value)
        owned = true
    }

    /// A slot in caller-supplied memory, deinitialised but not freed at the end.
    /// - Precondition: `storage` is uninitialised memory for one `Value`, used
    ///   by nothing else and valid for the slot's lifetime.
    @inlinable
    public init(_ value: consuming Value, storage: UnsafeMutablePointer<Value>) {
        pointer = storage
        pointer.initialize(to: value)
        owned = false
    }

    @inlinable
    deinit {
        pointer.deinitialize(count: 1)
        if owned { pointer.deallocate() }
    }
}
