import Synchronization

/// A value set at most once, even when every hart races to set it, and read
/// without a lock ever after: Rust's `OnceLock`.
///
/// - The first caller of `getOrInitialize` runs the initialiser; the others
///   spin until it finishes (waiting as `SpinWait` says), then read its value.
/// - A failed (throwing) initialiser leaves the cell empty and retryable:
///   there is no "poisoned" state (Rust's `Once` has one; a retry is what an
///   embedded boot path usually wants).
/// - An initialiser that reaches its own cell traps with a message instead of
///   deadlocking.
///
/// The value lives in the cell's own slot on the global heap (written through
/// a pointer once, so that a shared — borrowed — cell can be initialised).
public struct OnceCell<Value>: ~Copyable {
    @usableFromInline static var empty: Int { 0 }
    @usableFromInline static var running: Int { 1 }
    @usableFromInline static var ready: Int { 2 }

    /// `empty`, `running` (an initialiser is inside) or `ready`.
    /// Invariant: `slot` is initialised iff `state == ready`; it never leaves `ready`.
    @usableFromInline let state = Atomic<Int>(0)
    /// The running initialiser's `ExecutionContext.current`.
    @usableFromInline let initializer = Atomic<Int>(0)
    @usableFromInline let slot: UnsafeMutablePointer<Value>

    public init() {
        slot = UnsafeMutablePointer<Value>.allocate(capacity: 1)
    }

    /// The value, or nil before it is set. Lock-free: one acquiring load.
    @inlinable
    public borrowing func get() -> Value? {
        // Acquire pairs with the releasing store that published the value.
        state.load(ordering: .acquiring) == Self.ready ? slot.pointee : nil
    }

    /// True once the value is set.
    @inlinable
    public var isInitialized: Bool { state.load(ordering: .acquiring) == Self.ready }

    /// The value, running `initialize` first if no one has yet.
    /// - Throws: what `initialize` throws; the cell then stays empty.
    @inlinable
    public borrowing func getOrInitialize<E: Error>(_ initialize: () throws(E) -> Value) throws(E) -> Value {
        var wait = SpinWait()
        while true {
            // Acquire pairs with the releasing store of whoever set it.
            let current = state.load(ordering: .acquiring)
            if current == Self.ready { return slot.pointee }
            if current == Self.empty {
                // Acquire on success: a previous failed attempt's writes are visible.
                if state.compareExchange(expected: Self.empty, desired: Self.running,
                                         successOrdering: .acquiring, failureOrdering: .relaxed).exchanged {
                    initializer.store(ExecutionContext.current, ordering: .relaxed)
                    let value: Value
                    do {
                        value = try initialize()
                    } catch {
                        initializer.store(0, ordering: .relaxed)
                        // Release: back to empty, for the next caller to retry.
                        state.store(Self.empty, ordering: .releasing)
                        throw error
                    }
                    slot.initialize(to: value)
                    initializer.store(0, ordering: .relaxed)
                    // Release: publishes the value to every acquiring reader.
                    state.store(Self.ready, ordering: .releasing)
                    return value
                }
                continue
            }
            if initializer.load(ordering: .relaxed) == ExecutionContext.current {
                ownershipFailure("OnceCell: the initialiser reached its own cell (re-entrant initialisation)")
            }
            wait.pause()
        }
    }

    /// Sets the value if the cell is empty.
    /// - Returns: false (and the value is dropped) if it was already set.
    @inlinable
    public borrowing func set(_ value: Value) -> Bool {
        var stored = false
        _ = getOrInitialize { () -> Value in stored = true; return value }
        return stored
    }

    deinit {
        if state.load(ordering: .acquiring) == Self.ready { slot.deinitialize(count: 1) }
        slot.deallocate()
    }
}

extension OnceCell: @unchecked Sendable where Value: Sendable {}

/// A value computed on first use, once, by a stored initialiser: Rust's
/// `LazyLock`. Reads after the first take no lock.
///
/// The initialiser is `@Sendable`: a shared `Lazy` runs it on whichever
/// thread or hart reads first, so it must not capture unsynchronised state
/// (the compiler rejects a capture of a non-`Sendable` class).
public struct Lazy<Value>: ~Copyable {
    @usableFromInline let cell = OnceCell<Value>()
    @usableFromInline let initialize: @Sendable () -> Value

    public init(_ initialize: @escaping @Sendable () -> Value) {
        self.initialize = initialize
    }

    /// The value, computed by the first reader.
    @inlinable
    public var value: Value { cell.getOrInitialize(initialize) }
}

extension Lazy: Sendable where Value: Sendable {}
