import Ferrite
import Synchronization
import _Volatile

/// The bugs between cores, and the last one, which ends the program.
extension BugZoo {
    static let incrementsPerHart = 100_000
    /// The shared counter, incremented without a lock: each increment is a
    /// load and a later store (relaxed atomics, so the program is still
    /// defined Swift; the lost updates are the same as a plain data race's).
    static let racyCounter = Atomic<Int>(0)
    static let lockedCounter = SpinLock(0)
    /// Harts at the starting line of the current round (see `startTogether`).
    static let arrived = Atomic<Int>(0)
    static let gap = Atomic<Int>(0)
    nonisolated(unsafe) static var hartsInRound = 0

    static func dataRace() {
        title(5, "data race")
        Console.write("safe:     SpinLock<Int>: every increment is made under the lock\n")
        compilerSays(CompilerSays.sendNonSendable)
        guard Board.cores > 1 else {
            Console.write("unsafe:   this board has one core: no second core to race with\n")
            return
        }
        let harts = min(Board.cores, 4)
        Console.write("unsafe:   ")
        Console.writeDecimal(harts)
        Console.write(" harts each add 1, ")
        Console.writeDecimal(incrementsPerHart)
        Console.write(" times, to one counter: first without the lock, then with it\n")
        // A race is a matter of timing: on an idle machine one round loses
        // thousands of updates, on a loaded host the harts may happen to run
        // one after another. Up to three rounds are run until one loses some.
        var racyHarts = 0, racy = 0
        for round in 1...3 {
            // Relaxed: published to the harts by Runtime.release's releasing store.
            racyCounter.store(0, ordering: .relaxed)
            racyHarts = runOnHarts(harts) { _ in
                BugZoo.startTogether()
                for _ in 0..<BugZoo.incrementsPerHart {
                    // Relaxed: no ordering wanted; the load-store gap is the bug.
                    let seen = BugZoo.racyCounter.load(ordering: .relaxed)
                    for _ in 0..<64 { _ = BugZoo.gap.load(ordering: .relaxed) }  // widen the gap
                    BugZoo.racyCounter.store(seen &+ 1, ordering: .relaxed)
                }
            }
            // Relaxed: runOnHarts's acquiring loads of hartsDone ordered the harts' stores before this.
            racy = racyCounter.load(ordering: .relaxed)
            if racy < racyHarts * incrementsPerHart { break }
            Console.write("round ")
            Console.writeDecimal(round)
            Console.write(": no update lost this time (the harts did not overlap); again\n")
        }
        let lockedHarts = runOnHarts(harts) { _ in
            BugZoo.startTogether()
            for _ in 0..<BugZoo.incrementsPerHart { BugZoo.lockedCounter.withLock { $0 += 1 } }
        }
        let locked = lockedCounter.withLock { $0 }
        let racyLost = racyHarts * incrementsPerHart - racy
        let lockedLost = lockedHarts * incrementsPerHart - locked
        Console.write("without the lock: ")
        Console.writeDecimal(racy)
        Console.write(" of ")
        Console.writeDecimal(racyHarts * incrementsPerHart)
        Console.write(": ")
        Console.writeDecimal(racyLost)
        Console.write(" lost updates\nwith the lock:    ")
        Console.writeDecimal(locked)
        Console.write(" of ")
        Console.writeDecimal(lockedHarts * incrementsPerHart)
        Console.write(": ")
        Console.writeDecimal(lockedLost)
        Console.write(" lost updates\n")
        Tally.check(racyHarts > 1 && racyLost > 0 && lockedLost == 0,
                    "updates were lost without the lock and none with it")
    }

    /// Runs `work` on harts 1..<harts and on this one; returns how many harts
    /// finished it (a hart QEMU did not start never does).
    static func runOnHarts(_ harts: Int, _ work: @convention(c) (Int) -> Void) -> Int {
        // Relaxed: reset before any hart is released (the release orders it).
        arrived.store(0, ordering: .relaxed)
        hartsInRound = harts   // plain: published by the same releasing store
        let done = Runtime.hartsDone.load(ordering: .acquiring)
        for hart in 1..<harts { Runtime.release(hart: hart, run: work) }
        work(0)
        var spins = 0
        // Acquire (both loads) pairs with the releasing add in ferrite_hart_entry.
        // The bound only keeps a hart QEMU did not start from hanging the zoo;
        // qemu/run's time limit is the real one.
        while Runtime.hartsDone.load(ordering: .acquiring) - done < harts - 1 && spins < 2_000_000_000 { spins += 1 }
        return 1 + Runtime.hartsDone.load(ordering: .acquiring) - done
    }

    /// Waits until every hart of the round has arrived (or a while, for a
    /// hart QEMU did not start), so the harts run their loops at the same time.
    static func startTogether() {
        // Acquire/release: pairs with the other harts' adds; only the count matters.
        arrived.add(1, ordering: .acquiringAndReleasing)
        var spins = 0
        while arrived.load(ordering: .acquiring) < hartsInRound && spins < 200_000_000 { spins &+= 1 }
    }

    static func nullDereference() -> Never {
        title(6, "null dereference")
        let missing: UnsafePointer<Int>? = nil
        if let missing { _ = missing.pointee } else {
            Console.write("safe:     an Optional pointer is checked before use: nil handled, nothing read\n")
        }
        compilerSays(CompilerSays.nullDereference)
        Console.write("unsafe:   reading through a pointer to ")
        Console.writeHex(Board.faultAddress)
        Console.write(", where this board has no memory (a field of a null struct pointer, where address 0 is not memory):\n")
        Console.write("          the trap handler reports it and stops the program\n")
        // SAFETY: none — this is the bug; the board has nothing at this address.
        let value = VolatileMappedRegister<UInt32>(unsafeBitPattern: Board.faultAddress).load()
        Console.writeDecimal(Int(value))
        Console.write(" read: the fault went unnoticed\n")
        Runtime.exit(Runtime.failureStatus)
    }
}
