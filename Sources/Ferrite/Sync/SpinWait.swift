import Synchronization

/// How every Ferrite waiter waits: the locks (`RawSpinLock`, `SpinLock`,
/// `TicketLock`, `RwSpinLock`), `OnceCell` while another caller initialises,
/// and the channels' blocking `send`/`receive`. One policy, here only:
///
/// - **Bounded exponential backoff.** Between two looks at what it waits for,
///   a waiter pauses for `delay` relaxed loads; `delay` starts at 1 and
///   doubles up to `maximumDelay`. Fewer accesses to the contended line, and
///   a fairer chance for the holder's release. (Swift 6.3 has no portable
///   CPU-relax instruction, and rv64imac has no `pause`: the Zihintpause
///   extension, so the pause is loads of a word no one writes.)
/// - **Yielding.** After every `ExecutionContext.spinsBeforeYield` loads of
///   pausing, the waiter gives the processor away
///   (`ExecutionContext.yieldProcessor`: hosted `sched_yield`; on the virt
///   boards a 10 µs `wfi`), so it never burns the core the holder needs
///   when threads or vCPUs outnumber cores.
///
/// Usage: `var wait = SpinWait()`, then `wait.pause()` each time a look
/// finds the thing still busy.
@frozen
public struct SpinWait {
    /// Relaxed loads the next `pause` makes: 1, 2, 4, ... `maximumDelay`.
    @usableFromInline var delay = 1
    /// Loads made since the last yield. Invariant: `< spinsBeforeYield` between calls.
    @usableFromInline var spins = 0

    /// The most relaxed loads in one pause.
    public static var maximumDelay: Int { 64 }

    /// The word the pauses load. Never written: every core keeps it cached
    /// (no coherence traffic), and the loads are atomic, so the optimiser
    /// cannot remove the delay.
    @usableFromInline static let idleWord = Atomic<Int>(0)

    @inlinable
    public init() {}

    /// Waits once between two looks, and yields the processor when the
    /// waiter has spun `spinsBeforeYield` loads since it last did.
    @inlinable
    public mutating func pause() {
        // Relaxed: pairs with nothing; a delay only (the word is never written).
        for _ in 0..<delay { _ = Self.idleWord.load(ordering: .relaxed) }
        spins &+= delay
        delay = Swift.min(delay &<< 1, Self.maximumDelay)
        if spins >= ExecutionContext.spinsBeforeYield {
            spins = 0
            ExecutionContext.yieldProcessor()
        }
    }
}
