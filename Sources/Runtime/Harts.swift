import Ferrite
import Synchronization

// The program's harts: how many the board really started, a job (an entry
// and a context value) posted to one of them, and waiting for the jobs with a
// time limit. Hart 0 runs `main`; every other hart parks in its start code
// until a job is posted, runs it in `ferrite_hart_entry` and parks again.

/// One secondary hart's mailbox.
struct HartSlot: ~Copyable {
    /// Invariant: true from a successful claim in `Runtime.post` until the
    /// hart has run the job and cleared `entry`; while true, only the hart
    /// touches `entry` and `context`.
    let busy = Atomic<Bool>(false)
    /// The posted job's entry (the bit pattern of a `Runtime.HartEntry`),
    /// 0 when none is posted.
    let entry = Atomic<UInt>(0)
    /// The posted job's context value, written before `entry`.
    let context = Atomic<UInt>(0)
}

extension Runtime {
    /// What a hart runs: its own index and the context value it was started
    /// with (an address or a number; nothing captured, nothing allocated).
    typealias HartEntry = @convention(c) (_ hart: Int, _ context: UInt) -> Void

    /// Harts the runtime can give jobs to on any board (`__max_harts` in the
    /// linker scripts): at most this many ever start.
    static var maxHarts: Int { 4 }

    /// How many harts actually started (hart 0 included): the cores QEMU was
    /// given (`-smp`, the `HARTS` of a build), at most `maxHarts`; 1 on the
    /// single-core boards. Harts `1..<startedHarts` can take a job.
    static var startedHarts: Int { Board.startedHarts }

    /// Harts that have finished a job (counted since boot).
    static let hartsDone = Atomic<Int>(0)

    static let hartSlot1 = HartSlot()
    static let hartSlot2 = HartSlot()
    static let hartSlot3 = HartSlot()

    /// Runs `body` on hart `hart`'s mailbox; nil for hart 0 and past `maxHarts`.
    static func withHartSlot<R>(_ hart: Int, _ body: (borrowing HartSlot) -> R) -> R? {
        switch hart {
        case 1: body(hartSlot1)
        case 2: body(hartSlot2)
        case 3: body(hartSlot3)
        default: nil
        }
    }

    /// Starts `entry(hart, context)` on hart `hart`, which runs it once and
    /// parks again. Returns false, changing nothing, when `hart` is 0, did not
    /// start (`startedHarts`), or still runs an earlier job.
    /// `entry` runs concurrently with the caller: what they share goes
    /// through atomics, locks or channels; it sees every write the caller
    /// made before this call.
    @discardableResult
    static func startHart(_ hart: Int, context: UInt = 0, entry: HartEntry) -> Bool {
        guard hart >= 1 && hart < startedHarts else { return false }
        return post(hart: hart, context: context, entry: entry)
    }

    /// Waits until every job posted with `startHart` has returned, or about
    /// `timeoutMicroseconds` have passed (counted in the board's ~10 µs
    /// pauses, so a time limit, not a clock). True when all returned; a
    /// single-core board has none to wait for and answers true at once.
    static func waitForHarts(timeoutMicroseconds: Int) -> Bool {
        var waited = 0
        while true {
            var running = false
            for hart in 1..<maxHarts {
                // Acquire pairs with the releasing store of `false` in
                // `ferrite_hart_entry`: what the job wrote is visible after this.
                if withHartSlot(hart, { $0.busy.load(ordering: .acquiring) }) == true { running = true }
            }
            if !running { return true }
            if waited >= timeoutMicroseconds { return false }
            Board.pause()
            waited += 10
        }
    }

    /// Wakes a parked hart and has it run `entry(hartID)` once, then park
    /// again (Ferrite's own images; `startHart` is the checked form).
    /// - Precondition: the hart exists and is parked.
    static func release(hart: Int, run entry: @convention(c) (Int) -> Void) {
        // SAFETY: a `@convention(c)` function is one code pointer, the size of
        // an Int; the trampoline casts the context back to the same type.
        let bits = UInt(bitPattern: unsafeBitCast(entry, to: Int.self))
        post(hart: hart, context: bits) { hart, context in
            let run = unsafeBitCast(Int(bitPattern: context), to: (@convention(c) (Int) -> Void).self)
            run(hart)
        }
    }

    /// Claims hart `hart`'s mailbox, posts the job and wakes the hart.
    @discardableResult
    static func post(hart: Int, context: UInt, entry: HartEntry) -> Bool {
        let posted = withHartSlot(hart) { slot in
            // Acquire pairs with the releasing store of `false` in
            // `ferrite_hart_entry`: the previous job is over.
            guard slot.busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
                return false
            }
            // Relaxed: published by the releasing store of `entry` below.
            slot.context.store(context, ordering: .relaxed)
            // SAFETY: as in `release`: one code pointer, cast back in `ferrite_hart_entry`.
            let bits = UInt(bitPattern: unsafeBitCast(entry, to: Int.self))
            // Release pairs with the acquiring load in `ferrite_hart_entry`:
            // the woken hart sees the context and every write made before this.
            slot.entry.store(bits, ordering: .releasing)
            return true
        }
        guard posted == true else { return false }
        Board.wake(hart: hart)
        return true
    }
}

/// Called by a parked hart's start code when it is woken: runs the posted
/// job, if any, and frees the mailbox.
@c(ferrite_hart_entry)
func ferriteHartEntry(_ hartID: Int) {
    let ran = Runtime.withHartSlot(hartID) { slot -> Bool in
        // Acquire pairs with the releasing store in `Runtime.post`.
        let bits = slot.entry.load(ordering: .acquiring)
        guard bits != 0 else { return false }  // a spurious wake-up
        // Relaxed: ordered by the acquiring load of `entry` above.
        let context = slot.context.load(ordering: .relaxed)
        // SAFETY: `HartSlot.entry`'s invariant: a non-zero value is a `HartEntry`.
        let entry = unsafeBitCast(Int(bitPattern: bits), to: Runtime.HartEntry.self)
        entry(hartID, context)
        // Relaxed: published by the releasing store of `busy` below.
        slot.entry.store(0, ordering: .relaxed)
        // Release pairs with the acquiring loads of `busy` in `post` and
        // `waitForHarts`: the job's writes are visible to whoever sees it free.
        slot.busy.store(false, ordering: .releasing)
        return true
    }
    // Release pairs with the acquiring loads of whoever counts finished jobs.
    if ran == true { Runtime.hartsDone.add(1, ordering: .releasing) }
}
