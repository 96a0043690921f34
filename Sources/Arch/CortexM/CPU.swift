import Ferrite
import _Volatile

/// The Cortex-M core's own registers, for the core's hooks and the fault
/// report. Shared by the Cortex-M boards (ARMv6-M and ARMv7-M); each is
/// single-core, so the one running context is hart 0.
enum CPU {
    /// Gives the core what it cannot know itself: who is running (always
    /// hart 0, so id 1) and how to mask interrupts (PRIMASK). Called once at
    /// boot, before anything takes a lock.
    static func installCoreHooks() {
        ExecutionContext.identify = { 1 }
        CriticalSection.maskInterrupts = { ferriteMaskInterrupts() }
        CriticalSection.restoreInterrupts = { ferriteRestoreInterrupts($0) }
    }

    /// CPUID, in the System Control Block: implementer, variant,
    /// architecture, part number and revision of this core.
    static var cpuid: UInt32 {
        // SAFETY: CPUID is a read-only word of the System Control Space, at
        // this address on every ARMv6-M and ARMv7-M core.
        VolatileMappedRegister<UInt32>(unsafeBitPattern: 0xE000_ED00).load()
    }

    /// CPUID's architecture field: 0xC for ARMv6-M, 0xF for ARMv7-M (and
    /// ARMv8-M Mainline).
    static var architecture: UInt32 { (cpuid >> 16) & 0xF }

    /// Whether the core has the configurable fault status registers (CFSR,
    /// HFSR, MMFAR, BFAR): ARMv7-M does, ARMv6-M does not.
    static var hasFaultStatusRegisters: Bool { architecture == 0xF }
}

@_extern(c, "ferrite_mask_interrupts") func ferriteMaskInterrupts() -> UInt
@_extern(c, "ferrite_restore_interrupts") func ferriteRestoreInterrupts(_ state: UInt)
@_extern(c, "ferrite_text_contains") func ferriteTextContains(_ address: UInt) -> Bool
