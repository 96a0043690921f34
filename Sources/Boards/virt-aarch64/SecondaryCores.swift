/// Cores 1 and up: powered on once at boot, then parked until woken.
extension Board {
    /// Cores that started (`Runtime.startedHarts`): core 0 and each one PSCI
    /// powered on. Invariant: written only by `startSecondaryCores`, on core
    /// 0 at boot, before `main` and before any other core runs Swift code.
    // SAFETY: nonisolated(unsafe): its writes all happen before any read.
    nonisolated(unsafe) static var startedHarts = 1

    /// Asks PSCI (QEMU's own, through `hvc`) to power on cores
    /// 1..<`cores`; each starts at `start.S`'s secondary entry, sets itself
    /// up and parks in `ferrite_board_park`. Cores QEMU was not given
    /// (`-smp`) answer INVALID_PARAMETERS and stay absent
    /// (`Runtime.release(hart:run:)` requires the hart to exist); any other
    /// refusal is reported.
    static func startSecondaryCores() {
        let invalidParameters = -2
        for core in 1..<cores {
            let status = ferriteBoardStartCore(UInt(core))
            if status == 0 { startedHarts += 1 }
            if status != 0 && status != invalidParameters {
                Console.write("virt-aarch64: PSCI CPU_ON for core ")
                Console.writeDecimal(core)
                Console.write(" failed with status ")
                Console.writeDecimal(status)
                Console.write("\n")
            }
        }
    }
}

/// A secondary core's life after its start code: its interrupt controller
/// interface on, then asleep in `wfi` until `Board.wake(hart:)`; each wake-up
/// runs `ferrite_hart_entry(core)` once and sleeps again.
@c(ferrite_board_park)
func ferriteBoardPark(_ core: Int) -> Never {
    GIC.initializeCPUInterface()
    while true {
        CPU.waitForInterrupt()
        if GIC.takeWake() { ferriteHartEntry(core) }
    }
}

/// PSCI CPU_ON for `core` (start.S); returns the PSCI status (0 = success).
@_extern(c, "ferrite_board_start_core") func ferriteBoardStartCore(_ core: UInt) -> Int
