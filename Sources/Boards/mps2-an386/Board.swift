import _Volatile

/// QEMU `mps2-an386`: an Arm MPS2 FPGA board with the AN386 image, one
/// Cortex-M4. The runtime calls only the members below (the board contract,
/// README "Adding a board"); nothing outside this folder and
/// `linker/mps2-an386.ld` knows these addresses.
enum Board {
    static let name: StaticString = "mps2-an386"
    static let machine: StaticString = "QEMU mps2-an386 (Cortex-M4, ARMv7E-M)"

    /// One core: there is no other hart to release.
    static var cores: Int { 1 }
    /// Harts that started (`Runtime.startedHarts`): this one.
    static var startedHarts: Int { 1 }

    /// A hole in the memory map (nothing between the peripherals and the
    /// system area): a load from it is a precise BusFault, escalated to
    /// HardFault (the `fault` image proves the report names it).
    static var faultAddress: UInt { 0x6000_0000 }

    // CMSDK APB UART registers (byte offsets) and bits.
    static let data: UInt = 0x00, state: UInt = 0x04, control: UInt = 0x08, baudDivisor: UInt = 0x10
    static let transmitFull: UInt32 = 1 << 0, transmitEnable: UInt32 = 1 << 0

    /// The CMSDK UART register at byte `offset`.
    @inline(__always)
    static func uartRegister(_ offset: UInt) -> VolatileMappedRegister<UInt32> {
        // SAFETY: the UART's registers are 32-bit, word-aligned device memory at
        // `uartBase` (QEMU's mps2-an386 memory map); offsets are the named ones above.
        VolatileMappedRegister<UInt32>(unsafeBitPattern: boardConfiguration.uartBase &+ offset)
    }

    /// Sets the UART's rate (QEMU ignores writes until BAUDDIV is at least
    /// 16) and enables its transmitter.
    static func initialize() {
        uartRegister(baudDivisor).store(boardConfiguration.uartClockHz / boardConfiguration.uartBaudRate)
        uartRegister(control).store(transmitEnable)
    }

    /// Sends one byte, waiting for room in the transmit buffer.
    static func writeByte(_ byte: UInt8) {
        while uartRegister(state).load() & transmitFull != 0 {}
        uartRegister(data).store(UInt32(byte))
    }

    /// Ends QEMU with `status` (0 = pass) through semihosting.
    static func exit(_ status: Int32) -> Never {
        Semihosting.exit(status)
    }

    /// The memory where QEMU's loader may have placed a configuration blob
    /// (`linker/mps2-an386.ld` keeps it out of the heap).
    static var configurationBlob: UnsafeMutableRawBufferPointer? {
        // SAFETY: the linker script reserves exactly this area (its CONFIG
        // region) and puts nothing of the image in it; it is only ever read.
        UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(bitPattern: boardConfiguration.configurationBlob),
                                      count: boardConfiguration.configurationBlobSize)
    }

    /// Nothing to wait for on one core: a lock waiter spins on.
    static func pause() {}

    /// There is no other hart: asking to wake one is a bug in the caller.
    static func wake(hart: Int) {
        Console.write("\n*** Board.wake(hart:): mps2-an386 has one core\n")
        exit(Runtime.failureStatus)
    }
}
