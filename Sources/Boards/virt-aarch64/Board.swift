import _Volatile

/// QEMU `virt` for AArch64 (`-M virt -cpu cortex-a53 -semihosting`, EL1):
/// the board contract the runtime relies on (README "Adding a board").
/// The memory map lives in `boardConfiguration` and `linker/virt-aarch64.ld`;
/// the console is a PL011 (`PL011.swift`), the exit is semihosting, and
/// cores are started with PSCI and woken through the GICv2 (`GIC.swift`,
/// `SecondaryCores.swift`). Nothing outside this folder knows these addresses.
enum Board {
    static let name: StaticString = "virt-aarch64"
    static let machine: StaticString = "QEMU aarch64 virt (Cortex-A53, EL1, GICv2, MMU on)"

    /// Cores the runtime may release (`Runtime.release(hart:run:)`); core 0 boots.
    static var cores: Int { boardConfiguration.harts }

    /// A near-null address the page tables (`mmu.S`) leave unmapped: a load
    /// from it takes a translation fault (the `fault` image proves the
    /// exception handler reports it).
    static var faultAddress: UInt { 0x8 }

    /// Brings up the console, the interrupt controller (for wake-ups and
    /// `pause()`), and powers on the other cores, which park until woken.
    /// Core 0, once, from `ferrite_boot`.
    static func initialize() {
        PL011.initialize()
        GIC.initializeDistributor()
        GIC.initializeCPUInterface()
        startSecondaryCores()
    }

    /// Sends one byte on the PL011, waiting for room in its FIFO.
    static func writeByte(_ byte: UInt8) { PL011.write(byte) }

    /// Ends QEMU through semihosting with `status` as its exit status
    /// (0 = pass).
    static func exit(_ status: Int32) -> Never {
        // The host keeps only the low 8 bits: a failure must not wrap to 0.
        let code = status != 0 && status & 0xff == 0 ? 1 : status
        Semihosting.exit(code)
    }

    /// The memory where QEMU's loader may have placed a configuration blob
    /// (`linker/virt-aarch64.ld` keeps it out of the heap; `mmu.S` maps it).
    static var configurationBlob: UnsafeMutableRawBufferPointer? {
        // SAFETY: these 64 KiB are the linker script's CONFIG region: RAM
        // outside the image, stacks and heap, mapped by mmu.S, written by
        // nothing but QEMU's loader before the program starts.
        UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(bitPattern: boardConfiguration.configurationBlob),
                                      count: 64 << 10)
    }

    /// Sleeps this core for about 10 µs (`start.S`: the virtual timer and
    /// `wfi`): what a lock waiter does after long spinning, through
    /// `ExecutionContext.yieldProcessor`, so QEMU hands the host CPU to the
    /// core it waits for.
    static func pause() { ferriteBoardPause() }

    /// Wakes parked core `hart` (a software-generated interrupt through the GIC).
    static func wake(hart: Int) { GIC.sendWake(to: hart) }
}

/// About 10 µs asleep on the virtual timer (start.S).
@_extern(c, "ferrite_board_pause") func ferriteBoardPause()
