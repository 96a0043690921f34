import Ferrite

/// The processor's own registers (AArch64 at EL1), for measurements, for the
/// core's hooks and for the board's wake-up code.
enum CPU {
    /// Instructions executed since the counter started: the PMU cycle
    /// counter, which QEMU runs from its virtual clock at 1 GHz, one tick per
    /// instruction under `-icount shift=0` (`make bench-target`). Without
    /// icount it counts nanoseconds. Each core's start code starts its own
    /// (`ferrite_cycle_counter_enable`).
    @inline(__always)
    static func instructionsRetired() -> UInt64 { ferriteCycleCount() }

    /// Gives the core what it cannot know itself: who is running and how to
    /// mask interrupts on this architecture. Called once at boot, on core 0,
    /// before any other core runs Swift code that uses them.
    static func installCoreHooks() {
        ExecutionContext.identify = { Int(bitPattern: ferriteCoreID()) &+ 1 }
        CriticalSection.maskInterrupts = { ferriteMaskInterrupts() }
        CriticalSection.restoreInterrupts = { ferriteRestoreInterrupts($0) }
    }

    /// Sleeps until an interrupt is pending (taken or not).
    @inline(__always)
    static func waitForInterrupt() { ferriteWaitForInterrupt() }

    /// Orders this core's earlier stores before its later ones, device
    /// stores included, as the other cores observe them (`dmb ishst`).
    @inline(__always)
    static func storeBarrier() { ferriteStoreBarrier() }

    /// Orders this core's earlier loads and stores before its later ones,
    /// device accesses included (`dmb ish`).
    @inline(__always)
    static func memoryBarrier() { ferriteMemoryBarrier() }
}

/// MPIDR_EL1.Aff0 (cpu.S).
@_extern(c, "ferrite_core_id") func ferriteCoreID() -> UInt
/// Masks IRQ and FIQ; returns the DAIF value to restore (cpu.S).
@_extern(c, "ferrite_mask_interrupts") func ferriteMaskInterrupts() -> UInt
/// Writes back a DAIF value from `ferriteMaskInterrupts` (cpu.S).
@_extern(c, "ferrite_restore_interrupts") func ferriteRestoreInterrupts(_ state: UInt)
/// PMCCNTR_EL0 (cpu.S).
@_extern(c, "ferrite_cycle_count") func ferriteCycleCount() -> UInt64
/// wfi (cpu.S).
@_extern(c, "ferrite_wait_for_interrupt") func ferriteWaitForInterrupt()
/// dmb ishst (cpu.S).
@_extern(c, "ferrite_store_barrier") func ferriteStoreBarrier()
/// dmb ish (cpu.S).
@_extern(c, "ferrite_memory_barrier") func ferriteMemoryBarrier()
