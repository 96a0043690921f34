import Ferrite

/// Boot, exit and hart release: what every board's start code calls into.
///
/// The start code (each board's `start.S`) runs hart 0 through
/// `ferrite_boot` → `main` → `ferrite_exit`, and parks every other hart until
/// `Runtime.startHart` (Harts.swift) wakes it to call `ferrite_hart_entry`.
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

    /// Ends the program with `status` (0 = success) through the board's exit
    /// device: QEMU exits with it. Returning from `main` does the same with 0.
    static func exit(_ status: Int32) -> Never {
        Board.exit(status)
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
