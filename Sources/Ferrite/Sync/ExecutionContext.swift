#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who is running: a hart id on bare metal, a thread id hosted. Locks use it
/// to name their owner (and trap on re-entry), `OnceCell` to catch an
/// initialiser that touches its own cell.
///
/// The core cannot read a hart id itself (it names no architecture): the
/// firmware runtime installs `identify` at boot. Hosted builds use the
/// thread's pthread id.
public enum ExecutionContext {
    public typealias Identify = @convention(c) () -> Int

    /// Returns the caller's id; never 0 for a running context hosted.
    /// Installed once at boot, before other harts run (a plain store).
    nonisolated(unsafe) public static var identify: Identify = {
        #if canImport(Glibc) || canImport(Darwin)
        return Int(bitPattern: pthread_self())
        #else
        return 0
        #endif
    }

    /// The caller's id (hart id + 1 on bare metal, so that 0 means "none").
    @inlinable
    public static var current: Int { identify() }

    /// Gives the processor away while a waiter waits long (`SpinWait`):
    /// hosted, the thread yields (`sched_yield`), so a waiter never burns the
    /// core its lock's holder needs when threads outnumber cores; on bare
    /// metal a hart has no one to yield to, and the default does nothing (the
    /// runtime installs the board's `pause`).
    nonisolated(unsafe) public static var yieldProcessor: @convention(c) () -> Void = {
        #if canImport(Glibc) || canImport(Darwin)
        _ = sched_yield()
        #endif
    }

    /// Relaxed loads a waiter spends pausing (`SpinWait`) between two calls
    /// of `yieldProcessor`.
    public static var spinsBeforeYield: Int { 1 << 10 }

    /// Calls `attempt` until it returns a value, pausing between tries as
    /// every waiter does (`SpinWait`): the waiting loop of the blocking
    /// channel calls.
    @inlinable
    public static func spin<R: ~Copyable>(until attempt: () -> R?) -> R {
        var wait = SpinWait()
        while true {
            if let result = attempt() { return result }
            wait.pause()
        }
    }

    /// Offers `value` to `attempt` until it is taken (`attempt` hands it back
    /// when it cannot take it now), pausing between tries (`SpinWait`): the
    /// waiting loop of the blocking channel sends. The value is moved each
    /// time, never copied.
    @inlinable
    public static func spin<Value: ~Copyable>(offering value: consuming Value, to attempt: (consuming Value) -> Value?) {
        var pending: Value? = consume value
        var wait = SpinWait()
        while let offered = pending.take() {
            pending = attempt(offered)
            if pending != nil { wait.pause() }
        }
    }
}
