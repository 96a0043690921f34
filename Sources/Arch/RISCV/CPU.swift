import Ferrite

/// The processor's own registers, for measurements and for the core's hooks.
enum CPU {
    /// Instructions retired since reset (`minstret`).
    @inline(__always)
    static func instructionsRetired() -> UInt64 { ferriteInstructionsRetired() }

    /// Gives the core what it cannot know itself: who is running and how to
    /// mask interrupts on this architecture. Called once at boot, on hart 0,
    /// before any other hart runs.
    static func installCoreHooks() {
        ExecutionContext.identify = { Int(bitPattern: ferriteHartID()) &+ 1 }
        CriticalSection.maskInterrupts = { ferriteMaskInterrupts() }
        CriticalSection.restoreInterrupts = { ferriteRestoreInterrupts($0) }
    }
}

@_extern(c, "ferrite_instructions_retired") func ferriteInstructionsRetired() -> UInt64
@_extern(c, "ferrite_hart_id") func ferriteHartID() -> UInt
@_extern(c, "ferrite_mask_interrupts") func ferriteMaskInterrupts() -> UInt
@_extern(c, "ferrite_restore_interrupts") func ferriteRestoreInterrupts(_ state: UInt)
