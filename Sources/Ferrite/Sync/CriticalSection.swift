/// Code that must not be interrupted on this core: interrupts masked for the
/// duration, and restored to what they were (so critical sections nest).
///
/// The core cannot mask interrupts itself (it names no architecture): the
/// firmware runtime installs the two hooks at boot. Hosted builds have no
/// interrupts, and the hooks do nothing.
///
/// On one core, masking is enough. With several harts, masking only stops this
/// hart's interrupts: combine it with a lock (`run(holding:_:)`; the runtime
/// heap's `LockedHeap` does the same by hand), so an interrupt handler on a
/// hart that holds the lock can never spin on it forever.
public enum CriticalSection {
    /// Masks interrupts; returns the state to restore.
    nonisolated(unsafe) public static var maskInterrupts: @convention(c) () -> UInt = { 0 }
    /// Restores what `maskInterrupts` returned.
    nonisolated(unsafe) public static var restoreInterrupts: @convention(c) (UInt) -> Void = { _ in }

    /// Runs `body` with interrupts masked on this core.
    @inlinable
    public static func run<R: ~Copyable, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        let state = maskInterrupts()
        defer { restoreInterrupts(state) }
        return try body()
    }

    /// Runs `body` with interrupts masked on this core and `lock` held: safe
    /// against both other harts and this hart's interrupt handlers.
    @inlinable
    public static func run<R: ~Copyable, E: Error>(holding lock: borrowing RawSpinLock, _ body: () throws(E) -> R) throws(E) -> R {
        let state = maskInterrupts()
        lock.lock()
        defer {
            lock.unlock()
            restoreInterrupts(state)
        }
        return try body()
    }
}
