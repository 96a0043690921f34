/// Names a RISC-V machine-mode trap in words and stops the program.
///
/// Shared by the RISC-V boards; called from each board's trap entry with the
/// trap CSRs. It allocates nothing (the heap may be what broke).
@c(ferrite_trap)
func ferriteTrap(_ cause: UInt, _ pc: UInt, _ value: UInt, _ hart: UInt) -> Never {
    let interrupt = cause >> UInt(UInt.bitWidth &- 1) != 0
    let code = cause & ~(1 << UInt(UInt.bitWidth &- 1))
    Console.write("\n*** trap on hart ")
    Console.writeDecimal(Int(hart))
    Console.write(": ")
    if interrupt {
        Console.write("unexpected interrupt ")
        Console.writeDecimal(Int(code))
        Console.write(" at pc ")
        Console.writeHex(pc)
    } else {
        Console.write(exceptionName(code))
        switch code {
        case 0, 1, 4, 5, 6, 7, 12, 13, 15:
            Console.write(" at ")
            Console.writeHex(value)
            Console.write(", pc ")
            Console.writeHex(pc)
        case 2:
            Console.write(" ")
            Console.writeHex(value)
            Console.write(" at pc ")
            Console.writeHex(pc)
            // Swift's traps (a failed precondition, an overflow, fatalError)
            // compile to `unimp`, whose encodings are these.
            if value == 0 || value == 0xc000_1073 {
                Console.write(" (a Swift runtime check failed: precondition, overflow, bounds or fatalError)")
            }
        default:
            Console.write(" at pc ")
            Console.writeHex(pc)
        }
    }
    Console.write(" (mcause ")
    Console.writeHex(cause)
    Console.write(", mepc ")
    Console.writeHex(pc)
    Console.write(", mtval ")
    Console.writeHex(value)
    Console.write(")\n")
    Runtime.exit(Runtime.trapStatus)
}

/// The privileged spec's name for an exception code.
func exceptionName(_ code: UInt) -> StaticString {
    switch code {
    case 0: "instruction address misaligned"
    case 1: "instruction access fault"
    case 2: "illegal instruction"
    case 3: "breakpoint"
    case 4: "load address misaligned"
    case 5: "load access fault"
    case 6: "store/AMO address misaligned"
    case 7: "store/AMO access fault"
    case 8: "environment call from U-mode"
    case 9: "environment call from S-mode"
    case 11: "environment call from M-mode"
    case 12: "instruction page fault"
    case 13: "load page fault"
    case 15: "store/AMO page fault"
    default: "reserved exception"
    }
}
