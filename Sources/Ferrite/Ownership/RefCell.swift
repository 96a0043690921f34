/// Why a `RefCell` refused a borrow.
public enum BorrowError: Error, Equatable {
    /// A mutable borrow was asked for while shared borrows are out.
    case alreadyBorrowed
    /// A borrow was asked for while the mutable borrow is out.
    case alreadyMutablyBorrowed
}

/// Rust's borrow rules checked at run time: any number of shared borrows or
/// exactly one mutable borrow, for a value reached through a shared reference
/// (typically inside an `Rc`): Rust's `RefCell`.
///
/// Borrows are scoped by closures (`withBorrow`, `withMutableBorrow`), so a
/// borrow cannot outlive its scope or the cell. Guard values that release on
/// `deinit` (Rust's `Ref`/`RefMut`) are not offered: Swift 6.3 cannot yet tie a
/// guard's lifetime to the cell it borrows from (that needs `~Escapable`, still
/// experimental), so a guard could outlive the cell.
///
/// A conflicting borrow traps with a message naming the conflict (Rust
/// panics there too); the `try` variants return a `BorrowError` instead.
///
/// Memory layout: the value lives in the cell's own allocation on the global
/// heap after one word of borrow state (see `Cell` for why).
/// Not thread-safe: a `RefCell` is for one core.
@frozen
public struct RefCell<Value: ~Copyable>: ~Copyable {
    /// The borrow state, with the value after it (`CountedLayout`).
    /// Invariant: 0 = not borrowed, n > 0 = n shared borrows, -1 = one
    /// mutable borrow; the value is initialised.
    @usableFromInline let state: UnsafeMutablePointer<Int>

    @usableFromInline typealias Storage = CountedLayout<Int, Value>

    @inlinable
    public init(_ value: consuming Value) {
        // The global heap never throws (it stops the program when exhausted).
        state = try! Storage.allocate(0, value, from: .global)
    }

    /// True while a mutable borrow is out.
    @inlinable public var isMutablyBorrowed: Bool { state.pointee < 0 }
    /// Shared borrows out right now.
    @inlinable public var sharedBorrows: Int { Swift.max(0, state.pointee) }

    /// Runs `body` with the value borrowed shared; traps ("RefCell: already
    /// mutably borrowed") if the mutable borrow is out.
    @inlinable
    public borrowing func withBorrow<R: ~Copyable, E: Error>(_ body: (borrowing Value) throws(E) -> R) throws(E) -> R {
        if state.pointee < 0 { ownershipFailure("RefCell: already mutably borrowed") }
        state.pointee &+= 1
        defer { state.pointee &-= 1 }
        return try body(Storage.value(state).pointee)
    }

    /// Runs `body` with the value borrowed mutably; traps ("RefCell: already
    /// borrowed" / "already mutably borrowed") if any borrow is out.
    @inlinable
    public borrowing func withMutableBorrow<R: ~Copyable, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        if state.pointee > 0 { ownershipFailure("RefCell: already borrowed") }
        if state.pointee < 0 { ownershipFailure("RefCell: already mutably borrowed") }
        state.pointee = -1
        defer { state.pointee = 0 }
        return try body(&Storage.value(state).pointee)
    }

    /// `withBorrow`, reporting a conflict as `.alreadyMutablyBorrowed`.
    @inlinable
    public borrowing func tryWithBorrow<R: ~Copyable>(_ body: (borrowing Value) -> R) throws(BorrowError) -> R {
        if state.pointee < 0 { throw .alreadyMutablyBorrowed }
        state.pointee &+= 1
        defer { state.pointee &-= 1 }
        return body(Storage.value(state).pointee)
    }

    /// `withMutableBorrow`, reporting a conflict as `.alreadyBorrowed` or
    /// `.alreadyMutablyBorrowed`.
    @inlinable
    public borrowing func tryWithMutableBorrow<R: ~Copyable>(_ body: (inout Value) -> R) throws(BorrowError) -> R {
        if state.pointee > 0 { throw .alreadyBorrowed }
        if state.pointee < 0 { throw .alreadyMutablyBorrowed }
        state.pointee = -1
        defer { state.pointee = 0 }
        return body(&Storage.value(state).pointee)
    }

    /// Replaces the value under a mutable borrow and returns the old one.
    @inlinable
    public borrowing func replace(with value: consuming Value) -> Value {
        if state.pointee > 0 { ownershipFailure("RefCell: already borrowed") }
        if state.pointee < 0 { ownershipFailure("RefCell: already mutably borrowed") }
        let slot = Storage.value(state)
        let old = slot.move()
        slot.initialize(to: value)
        return old
    }

    @inlinable
    deinit {
        Storage.value(state).deinitialize(count: 1)
        AllocatorReference.global.release(UnsafeMutableRawPointer(state), Storage.layout, by: "RefCell")
    }
}
