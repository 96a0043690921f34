import _Volatile

/// ARMv7-M's fault status registers in the System Control Block, read once
/// by the fault report: what went wrong, in words, and the faulting address
/// where the core recorded one. (ARMv6-M has none of them.)
struct FaultStatus {
    /// Configurable Fault Status: MemManage (bits 0-7), BusFault (8-15) and
    /// UsageFault (16-31) causes.
    let cfsr: UInt32
    /// HardFault Status.
    let hfsr: UInt32
    /// MemManage Fault Address (valid when CFSR.MMARVALID).
    let mmfar: UInt32
    /// BusFault Address (valid when CFSR.BFARVALID).
    let bfar: UInt32

    /// Reads the four registers.
    /// - Precondition: the core is ARMv7-M (`CPU.hasFaultStatusRegisters`).
    static func read() -> FaultStatus {
        func register(_ address: UInt) -> UInt32 {
            // SAFETY: the precondition: ARMv7-M maps these four words of the
            // System Control Block; reading them has no side effect.
            VolatileMappedRegister<UInt32>(unsafeBitPattern: address).load()
        }
        return FaultStatus(cfsr: register(0xE000_ED28), hfsr: register(0xE000_ED2C),
                           mmfar: register(0xE000_ED34), bfar: register(0xE000_ED38))
    }

    /// Prints one line per recorded cause, then the raw registers.
    func report() {
        if hfsr & (1 << 1) != 0 { line("HardFault: the vector table could not be read") }
        if hfsr & (1 << 30) != 0 {
            line("HardFault: forced, a configurable fault escalated (MemManage, BusFault and UsageFault are not enabled)")
        }
        if hfsr & (1 << 31) != 0 { line("HardFault: a debug event") }
        // MemManage (MMFSR, CFSR bits 0-7).
        if cfsr & (1 << 0) != 0 { line("MemManage: instruction access violation") }
        if cfsr & (1 << 1) != 0 { line("MemManage: data access violation", address: mmfar, valid: cfsr & (1 << 7) != 0) }
        if cfsr & (1 << 3) != 0 { line("MemManage: fault unstacking on exception return") }
        if cfsr & (1 << 4) != 0 { line("MemManage: fault stacking on exception entry") }
        if cfsr & (1 << 5) != 0 { line("MemManage: fault during lazy FPU state preservation") }
        // BusFault (BFSR, CFSR bits 8-15).
        let bfarValid = cfsr & (1 << 15) != 0
        if cfsr & (1 << 8) != 0 { line("BusFault: instruction bus error (fetching the instruction at pc)") }
        if cfsr & (1 << 9) != 0 { line("BusFault: precise data bus error", address: bfar, valid: bfarValid) }
        if cfsr & (1 << 10) != 0 { line("BusFault: imprecise data bus error (pc is past the access)") }
        if cfsr & (1 << 11) != 0 { line("BusFault: bus error unstacking on exception return") }
        if cfsr & (1 << 12) != 0 { line("BusFault: bus error stacking on exception entry (stack overflow?)") }
        if cfsr & (1 << 13) != 0 { line("BusFault: bus error during lazy FPU state preservation") }
        // UsageFault (UFSR, CFSR bits 16-31).
        if cfsr & (1 << 16) != 0 { line("UsageFault: undefined instruction") }
        if cfsr & (1 << 17) != 0 { line("UsageFault: invalid state (a branch to an ARM-state address: Thumb bit clear)") }
        if cfsr & (1 << 18) != 0 { line("UsageFault: invalid EXC_RETURN on exception return") }
        if cfsr & (1 << 19) != 0 { line("UsageFault: coprocessor access while disabled or absent (FPU off?)") }
        if cfsr & (1 << 24) != 0 { line("UsageFault: unaligned access") }
        if cfsr & (1 << 25) != 0 { line("UsageFault: division by zero") }
        Console.write("    (CFSR ")
        Console.writeHex(UInt(cfsr))
        Console.write(", HFSR ")
        Console.writeHex(UInt(hfsr))
        Console.write(", BFAR ")
        Console.writeHex(UInt(bfar))
        Console.write(", MMFAR ")
        Console.writeHex(UInt(mmfar))
        Console.write(")\n")
    }

    /// `    <cause>`, and ` at 0x...` when the core recorded the address.
    private func line(_ cause: StaticString, address: UInt32 = 0, valid: Bool = false) {
        Console.write("    ")
        Console.write(cause)
        if valid {
            Console.write(" at ")
            Console.writeHex(UInt(address))
        }
        Console.write("\n")
    }
}
