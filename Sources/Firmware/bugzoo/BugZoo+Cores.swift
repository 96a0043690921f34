import Ferrite
import Synchronization
import _Volatile

/// The bugs between cores, and the last one, which ends the program.
extension BugZoo {
    static let incrementsPerHart = 20_000
    /// The shared counter, incremented without a lock: each increment is a
    /// load and a later store (relaxed atomics, so the program is still
    /// defined Swift; the lost updates are the same as a plain data race's).
    static let racyCounter = Atomic<Int>(0)
    static let lockedCounter = SpinLock(0)
    static let hartsFinished = Atomic<Int>(0)

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
        let racyHarts = runOnHarts(harts) { _ in
            for _ in 0..<BugZoo.incrementsPerHart {
                // Relaxed: no ordering wanted; the load-store gap is the bug.
                let seen = BugZoo.racyCounter.load(ordering: .relaxed)
                for _ in 0..<4 { _ = BugZoo.hartsFinished.load(ordering: .relaxed) }  // widen the gap a little
                BugZoo.racyCounter.store(seen &+ 1, ordering: .relaxed)
            }
        }
        let racy = racyCounter.load(ordering: .relaxed)
        let lockedHarts = runOnHarts(harts) { _ in
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
        hartsFinished.store(0, ordering: .relaxed)
        let done = Runtime.hartsDone.load(ordering: .acquiring)
        for hart in 1..<harts { Runtime.release(hart: hart, run: work) }
        work(0)
        var spins = 0
        // Acquire pairs with the releasing add in ferrite_hart_entry.
        while Runtime.hartsDone.load(ordering: .acquiring) - done < harts - 1 && spins < 50_000_000 { spins += 1 }
        return 1 + Runtime.hartsDone.load(ordering: .acquiring) - done
    }

    static func nullDereference() -> Never {
        title(6, "null dereference")
        let missing: UnsafePointer<Int>? = nil
        if let missing { _ = missing.pointee } else {
            Console.write("safe:     an Optional pointer is checked before use: nil handled, nothing read\n")
        }
        compilerSays(CompilerSays.nullDereference)
        Console.write("unsafe:   reading through a near-null pointer (")
        Console.writeHex(Board.faultAddress)
        Console.write(", a field of a null struct pointer): the trap handler reports it and stops the program\n")
        // SAFETY: none — this is the bug; the board has nothing at this address.
        let value = VolatileMappedRegister<UInt32>(unsafeBitPattern: Board.faultAddress).load()
        Console.writeDecimal(Int(value))
        Console.write(" read: the fault went unnoticed\n")
        Runtime.exit(Runtime.failureStatus)
    }
}
