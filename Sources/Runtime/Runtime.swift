import Ferrite
import Synchronization

/// Boot, exit and hart release: what every board's start code calls into.
///
/// The start code (each board's `start.S`) runs hart 0 through
/// `ferrite_boot` → `main` → `ferrite_exit`, and parks every other hart until
/// `Runtime.release(hart:run:)` wakes it to call `ferrite_hart_entry`.
enum Runtime {
    /// Exit statuses the runtime itself uses (the guest's status becomes the
    /// QEMU process status, through `qemu/run`; 124 is `qemu/run`'s own, for
    /// a guest that never exits). Each cause has its own, so a test can tell
    /// them apart.
    /// A program's own failure (a failed check, a boot it cannot continue).
    static var failureStatus: Int32 { 1 }
    /// A trap or fault the CPU raised (the board's trap report says which).
    static var trapStatus: Int32 { 3 }
    /// An invalid or double `free`/`realloc`, or a debug heap finding.
    static var heapMisuseStatus: Int32 { 4 }
    /// An allocation of the Swift runtime the heap could not serve
    /// (`OutOfMemory.swift`).
    static var outOfMemoryStatus: Int32 { 5 }
    /// A stack protector's canary found overwritten (`StackProtector.swift`).
    static var stackSmashStatus: Int32 { 6 }

    /// Ends the program with `status` (0 = success) through the board's exit device.
    static func exit(_ status: Int32) -> Never {
        Board.exit(status)
    }

    /// The entry point a released hart runs; 0 when none.
    /// Invariant: written by hart 0 before it signals a hart, read by that hart after.
    static let hartEntry = Atomic<UInt>(0)
    /// Harts that have finished running their entry (`ferrite_hart_entry`
    /// adds 1, releasing). Whoever releases harts reads it first, then waits
    /// with acquiring loads until it has risen by the number released (the
    /// self-test's `HartChecks`, the bug zoo's `runOnHarts`).
    static let hartsDone = Atomic<Int>(0)

    /// Wakes a parked hart and has it run `entry(hartID)` once, then park again.
    /// - Precondition: the hart exists, is parked, and `entry` is safe to run
    ///   concurrently with hart 0 (it synchronises through atomics or locks).
    static func release(hart: Int, run entry: @convention(c) (Int) -> Void) {
        // Release pairs with the acquiring load in `ferrite_hart_entry`: the
        // woken hart sees `entry` and every write hart 0 made before this.
        hartEntry.store(UInt(bitPattern: unsafeBitCast(entry, to: Int.self)), ordering: .releasing)
        Board.wake(hart: hart)
    }
}

/// Hart 0's boot after the stack guard (`ferrite_boot`, C/boot.c, seeds the
/// random generator and sets `__stack_chk_guard` first): brings up the
/// console, the other cores where the board starts them now, and the heap.
@c(ferrite_runtime_boot)
func ferriteRuntimeBoot(_ heapStart: UInt, _ heapEnd: UInt) {
    Board.initialize()
    CPU.installCoreHooks()
    ExecutionContext.yieldProcessor = { Board.pause() }
    installRuntimeHeap(start: heapStart, end: heapEnd)
    loadRuntimeConfiguration()
}

@c(ferrite_exit)
func ferriteExit(_ status: Int32) -> Never {
    Runtime.exit(status)
}

/// Called by a parked hart's start code when it is woken.
@c(ferrite_hart_entry)
func ferriteHartEntry(_ hartID: Int) {
    // Acquire pairs with the releasing store in `Runtime.release`.
    let entry = Runtime.hartEntry.load(ordering: .acquiring)
    guard entry != 0 else { return }  // a spurious wake-up
    let function = unsafeBitCast(Int(bitPattern: entry), to: (@convention(c) (Int) -> Void).self)
    function(hartID)
    // Release pairs with the acquiring load of whoever waits for this hart.
    Runtime.hartsDone.add(1, ordering: .releasing)
}
