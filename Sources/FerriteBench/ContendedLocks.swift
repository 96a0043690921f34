#if canImport(Glibc)
import Glibc
#endif
import Ferrite
import Synchronization

/// Two threads hammering one lock for a fixed time, started together
/// (`TwoThreads`), so the figure is the throughput of a lock both threads
/// contend for. Each row also prints what shows whether they did: each
/// thread's operations, the overlap (the part of the run both threads were on
/// a core at once, at least), and how often the lock changed threads (a
/// hand-over: the acquisition went to the other thread than the one before).
enum ContendedLocks {
    /// What the lock protects: a count and who took the lock last.
    struct Tally {
        var count = 0
        var holder = -1
        var handOvers = 0

        @inline(__always)
        mutating func take(_ role: Int) {
            count &+= 1
            if holder != role { holder = role; handOvers &+= 1 }
        }
    }

    /// How long each run lasts.
    static var seconds: Double { 0.5 }
    /// Operations between two looks at the clock / the stop flag.
    static var batch: Int { 1000 }

    @inline(never) static func spin(_ lock: borrowing SpinLock<Tally>, _ role: Int) { lock.withLock { $0.take(role) } }
    @inline(never) static func ticket(_ lock: borrowing TicketLock<Tally>, _ role: Int) { lock.withLock { $0.take(role) } }
    @inline(never) static func mutex(_ lock: borrowing Mutex<Tally>, _ role: Int) { lock.withLock { $0.take(role) } }
    @inline(never) static func pthread(_ lock: UnsafeMutablePointer<pthread_mutex_t>, _ tally: UnsafeMutablePointer<Tally>, _ role: Int) {
        pthread_mutex_lock(lock); tally.pointee.take(role); pthread_mutex_unlock(lock)
    }

    /// One run: both threads call `operation(role)` until thread 0 has seen
    /// `seconds` pass; returns the run and the lock's tally after it.
    static func measure(_ operation: @escaping (Int) -> Void, tally: @escaping () -> Tally) -> (TwoThreads.Run, Tally) {
        let stop = SyncBench.Box(Atomic<Bool>(false))
        let limit = UInt64(seconds * 1e9)
        let run = TwoThreads.run { role in
            let start = now()
            var done = 0
            while true {
                for _ in 0..<batch { operation(role) }
                done &+= batch
                // Relaxed: a flag only; the counts are read after the join.
                if role == 0 && now() &- start >= limit { stop.value.store(true, ordering: .relaxed) }
                if stop.value.load(ordering: .relaxed) { return done }
            }
        }
        return (run, tally())
    }

    /// The median of `runs` runs by throughput, as a table row.
    static func row(_ name: String, runs: Int, _ once: () -> (TwoThreads.Run, Tally)) -> (String, String) {
        var results = (0..<runs).map { _ in once() }
        results.sort { Double($0.0.operations) / $0.0.seconds < Double($1.0.operations) / $1.0.seconds }
        let (run, tally) = results[results.count / 2]
        func millions(_ value: Double) -> String { "\((value / 1e5).rounded() / 10)" }
        func percent(_ value: Double) -> String { "\((value * 1000).rounded() / 10)%" }
        let perThread = run.spans.map { millions(Double($0.operations)) + "M" }.joined(separator: " / ")
        let lost = tally.count == run.operations ? "" : "; COUNT MISMATCH \(tally.count) != \(run.operations)"
        return (name, "\(millions(Double(run.operations) / run.seconds)) M ops/s (\(run.seconds.formatted1) s; "
                + "per thread \(perThread) ops; overlap \(percent(run.overlap)); "
                + "hand-overs \(percent(Double(tally.handOvers) / Double(Swift.max(1, tally.count)))))\(lost)")
    }

    static func rows(runs: Int) -> [(String, String)] {
        [
            row("SpinLock, 2 threads contended", runs: runs) {
                let lock = SyncBench.Box(SpinLock(Tally()))
                return measure({ spin(lock.value, $0) }, tally: { lock.value.withLock { $0 } })
            },
            row("TicketLock, 2 threads contended", runs: runs) {
                let lock = SyncBench.Box(TicketLock(Tally()))
                return measure({ ticket(lock.value, $0) }, tally: { lock.value.withLock { $0 } })
            },
            row("Synchronization.Mutex, 2 threads contended", runs: runs) {
                let lock = SyncBench.Box(Mutex(Tally()))
                return measure({ mutex(lock.value, $0) }, tally: { lock.value.withLock { $0 } })
            },
            row("pthread_mutex, 2 threads contended", runs: runs) {
                let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
                pthread_mutex_init(lock, nil)
                let tally = UnsafeMutablePointer<Tally>.allocate(capacity: 1)
                tally.initialize(to: Tally())
                defer { pthread_mutex_destroy(lock); lock.deallocate(); tally.deallocate() }
                nonisolated(unsafe) let sharedLock = lock, sharedTally = tally
                return measure({ pthread(sharedLock, sharedTally, $0) }, tally: { sharedTally.pointee })
            },
        ]
    }
}

extension Double {
    /// One decimal, for the bench's notes.
    var formatted1: String { "\((self * 10).rounded() / 10)" }
}
