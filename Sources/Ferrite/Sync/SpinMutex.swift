/// A spin-lock whose value can be locked through a shared reference: the
/// lock to put inside an `Arc` (Rust's `Arc<Mutex<T>>`).
///
/// `withLock` is `borrowing`. For that to be sound without a public
/// interior-mutability primitive, the value lives in the mutex's own slot on
/// the global heap (one allocation, no header) and is written through that
/// pointer, only while the lock is held. The lock word stays inline.
@frozen
public struct SpinMutex<Value: ~Copyable>: ~Copyable {
    @usableFromInline let raw = RawSpinLock()
    /// Invariant: initialised; read or written only while `raw` is held.
    @usableFromInline let slot: UnsafeMutablePointer<Value>

    @inlinable
    public init(_ value: consuming Value) {
        slot = UnsafeMutablePointer<Value>.allocate(capacity: 1)
        slot.initialize(to: value)
    }

    /// Runs `body` with exclusive access to the value.
    /// - Complexity: O(1) plus the wait for the holder.
    @inlinable
    public borrowing func withLock<R: ~Copyable, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        raw.lock()
        defer { raw.unlock() }
        // SAFETY: the lock is held, so no one else touches the slot.
        return try body(&slot.pointee)
    }

    /// Runs `body` if the lock is free; nil without waiting otherwise.
    @inlinable
    public borrowing func withLockIfAvailable<R: ~Copyable, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R? {
        guard raw.tryLock() else { return nil }
        defer { raw.unlock() }
        return try body(&slot.pointee)
    }

    @inlinable
    deinit {
        slot.deinitialize(count: 1)
        slot.deallocate()
    }
}

extension SpinMutex: @unchecked Sendable where Value: Sendable & ~Copyable {}
