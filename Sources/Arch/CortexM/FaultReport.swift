import _Volatile

/// Names a Cortex-M fault (or an exception Ferrite never enables) in words
/// and stops the program with `Runtime.trapStatus`.
///
/// Called by `ferrite_cortexm_fault_entry` (vectors.S) on a fresh stack with
/// the stacked pc, lr and xPSR of the interrupted code and this exception's
/// number. It allocates nothing (the heap may be what broke).
@c(ferrite_cortexm_fault)
func ferriteCortexMFault(_ pc: UInt, _ lr: UInt, _ xpsr: UInt, _ exception: UInt) -> Never {
    Console.write("\n*** ")
    Console.write(exceptionName(exception))
    if exception >= 16 { Console.writeDecimal(Int(exception &- 16)) }
    Console.write(" at pc ")
    Console.writeHex(pc)
    Console.write(", lr ")
    Console.writeHex(lr)
    Console.write(", xPSR ")
    Console.writeHex(xpsr)
    Console.write("\n")
    if isSwiftTrap(at: pc) {
        Console.write("    udf at pc: a Swift runtime check failed (precondition, overflow, bounds or fatalError)\n")
    }
    if CPU.hasFaultStatusRegisters {
        FaultStatus.read().report()
    } else {
        Console.write("    (ARMv6-M records no fault cause: every fault is a HardFault, with only the stacked pc to go by)\n")
    }
    Runtime.exit(Runtime.trapStatus)
}

/// The architecture's name for exception `number` (16 and up: external
/// interrupt `number - 16`, its number printed after the name).
func exceptionName(_ number: UInt) -> StaticString {
    switch number {
    case 2: "NMI"
    case 3: "HardFault"
    case 4: "MemManage fault"
    case 5: "BusFault"
    case 6: "UsageFault"
    case 11: "unexpected SVCall"
    case 12: "unexpected DebugMonitor exception"
    case 14: "unexpected PendSV"
    case 15: "unexpected SysTick"
    case 16...: "unexpected interrupt "
    default: "reserved exception"
    }
}

/// Whether the instruction at `pc` is `udf` (Thumb 0xDExx), which Swift's
/// traps compile to. Reads it only where this image's code is, so a wild pc
/// cannot fault again.
func isSwiftTrap(at pc: UInt) -> Bool {
    guard ferriteTextContains(pc) else { return false }
    // SAFETY: ferrite_text_contains: a whole halfword of .text is at pc.
    let instruction = UnsafePointer<UInt16>(bitPattern: pc).unsafelyUnwrapped.pointee
    return instruction & 0xFF00 == 0xDE00
}
