/// Names an AArch64 exception taken at EL1 in words and stops the program.
///
/// Called from the vector table (`vectors.S`) on a fresh stack with the
/// entry's index (`kind`: group × 4 + synchronous/IRQ/FIQ/SError), ESR_EL1,
/// ELR_EL1, FAR_EL1, the core index and the interrupted sp. It allocates
/// nothing (the heap may be what broke) and only writes to the console.
@c(ferrite_exception)
func ferriteException(_ kind: UInt, _ syndrome: UInt, _ link: UInt, _ faultAddress: UInt,
                      _ core: UInt, _ stack: UInt) -> Never {
    let exceptionClass = (syndrome >> 26) & 0x3f
    let specific = syndrome & 0x1ff_ffff  // ISS
    Console.write("\n*** exception on core ")
    Console.writeDecimal(Int(core))
    Console.write(": ")
    if kind & 3 != 0 {
        Console.write("unexpected ")
        Console.write(asynchronousExceptionName(kind & 3))
        Console.write(" at pc ")
        Console.writeHex(link)
    } else if exceptionClass == 0 && isSemihostingTrap(at: link) {
        // The exit itself failed: reporting and exiting again would loop.
        Console.write("semihosting is off, so the program cannot end: run QEMU with -semihosting\n")
        while true { CPU.waitForInterrupt() }
    } else {
        Console.write(exceptionClassName(exceptionClass))
        switch exceptionClass {
        case 0x20, 0x21, 0x24, 0x25:  // instruction and data aborts
            let status = specific & 0x3f
            Console.write(" (")
            Console.write(faultStatusName(status))
            if status < 0x10 || (status < 0x20 && status & 0x14 == 0x14) {
                Console.write(", level ")
                Console.writeDecimal(Int(status & 3))
            }
            if exceptionClass >= 0x24 {
                Console.write(specific & (1 << 6) != 0 ? ", write" : ", read")
            }
            Console.write(") at ")
            Console.writeHex(faultAddress)
            Console.write(", pc ")
            Console.writeHex(link)
        case 0x22, 0x26, 0x34, 0x35:  // PC and SP alignment, watchpoints
            Console.write(" at ")
            Console.writeHex(faultAddress)
            Console.write(", pc ")
            Console.writeHex(link)
        case 0x3C:
            let comment = specific & 0xffff
            Console.write(" #")
            Console.writeHex(comment)
            Console.write(" at pc ")
            Console.writeHex(link)
            // Swift's traps (a failed precondition, an overflow, fatalError)
            // compile to `brk #1`.
            if comment == 1 {
                Console.write(" (a Swift runtime check failed: precondition, overflow, bounds or fatalError)")
            }
        default:
            Console.write(" at pc ")
            Console.writeHex(link)
        }
    }
    if kind >> 2 != 1 {
        Console.write(", taken from ")
        Console.write(exceptionOriginName(kind >> 2))
    }
    Console.write(" (ESR ")
    Console.writeHex(syndrome)
    Console.write(", ELR ")
    Console.writeHex(link)
    Console.write(", FAR ")
    Console.writeHex(faultAddress)
    Console.write(", sp ")
    Console.writeHex(stack)
    Console.write(")\n")
    Runtime.exit(Runtime.trapStatus)
}

/// Whether the undefined instruction at `pc` is the semihosting trap (QEMU
/// runs it as undefined without `-semihosting`).
func isSemihostingTrap(at pc: UInt) -> Bool {
    guard pc & 3 == 0, let instruction = UnsafePointer<UInt32>(bitPattern: pc) else { return false }
    // SAFETY: the exception class is "unknown reason" (0), so the instruction
    // at pc was fetched without an abort: the address is mapped, aligned
    // (checked above) and readable, since the identity map makes every
    // executable page readable at EL1.
    return instruction.pointee == Semihosting.trapInstruction
}

/// IRQ, FIQ or SError, by the low two bits of the vector's index.
func asynchronousExceptionName(_ type: UInt) -> StaticString {
    switch type {
    case 1: "IRQ"
    case 2: "FIQ"
    default: "SError"
    }
}

/// Where an exception came from, by the group of its vector.
func exceptionOriginName(_ group: UInt) -> StaticString {
    switch group {
    case 0: "EL1 using SP_EL0"
    case 1: "EL1"
    case 2: "EL0 (AArch64)"
    default: "EL0 (AArch32)"
    }
}

/// The Arm ARM's name for ESR_ELx.EC.
func exceptionClassName(_ exceptionClass: UInt) -> StaticString {
    switch exceptionClass {
    case 0x00: "undefined instruction"
    case 0x01: "trapped wfi or wfe"
    case 0x07: "trapped FP/SIMD access"
    case 0x0E: "illegal execution state"
    case 0x15: "svc"
    case 0x16: "hvc"
    case 0x17: "smc"
    case 0x18: "trapped system register access"
    case 0x20: "instruction abort from EL0"
    case 0x21: "instruction abort"
    case 0x22: "pc alignment fault"
    case 0x24: "data abort from EL0"
    case 0x25: "data abort"
    case 0x26: "sp alignment fault"
    case 0x2C: "floating-point exception"
    case 0x2F: "SError"
    case 0x30, 0x31: "breakpoint"
    case 0x32, 0x33: "software step"
    case 0x34, 0x35: "watchpoint"
    case 0x3C: "brk"
    default: "unknown exception class"
    }
}

/// The Arm ARM's name for an abort's fault status code (DFSC/IFSC); the
/// caller adds the level for the codes that carry one.
func faultStatusName(_ status: UInt) -> StaticString {
    switch status {
    case 0x00...0x03: "address size fault"
    case 0x04...0x07: "translation fault"
    case 0x08...0x0B: "access flag fault"
    case 0x0C...0x0F: "permission fault"
    case 0x10: "synchronous external abort"
    case 0x11: "tag check fault"
    case 0x14...0x17: "synchronous external abort on a table walk"
    case 0x18: "parity or ECC error"
    case 0x1C...0x1F: "parity or ECC error on a table walk"
    case 0x21: "alignment fault"
    case 0x30: "TLB conflict abort"
    case 0x31: "unsupported atomic hardware update"
    case 0x35: "unsupported exclusive or atomic access"
    default: "unknown fault status"
    }
}
