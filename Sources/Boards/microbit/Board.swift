import _Volatile

/// QEMU `microbit`: the BBC micro:bit's nRF51822, one Cortex-M0 with 256 KiB
/// of flash and 16 KiB of RAM. The runtime calls only the members below (the
/// board contract, README "Adding a board"); nothing outside this folder and
/// `linker/microbit.ld` knows these addresses.
enum Board {
    static let name: StaticString = "microbit"
    static let machine: StaticString = "QEMU microbit (nRF51822, Cortex-M0, ARMv6-M)"

    /// One core: there is no other hart to release.
    static var cores: Int { 1 }
    /// Harts that started (`Runtime.startedHarts`): this one.
    static var startedHarts: Int { 1 }

    /// The first byte past the 16 KiB of RAM, where nothing is mapped: a load
    /// from it is a bus error, which ARMv6-M takes as a HardFault (the
    /// `fault` image proves the report names it).
    static var faultAddress: UInt { 0x2000_4000 }

    // nRF51 UART registers (byte offsets from the base).
    static let startTransmitTask: UInt = 0x008
    static let transmitReadyEvent: UInt = 0x11C
    static let enable: UInt = 0x500
    static let transmitData: UInt = 0x51C
    static let baudRate: UInt = 0x524
    /// ENABLE's value that turns the UART on.
    static let enabled: UInt32 = 4

    /// The nRF51 UART register at byte `offset`.
    @inline(__always)
    static func uartRegister(_ offset: UInt) -> VolatileMappedRegister<UInt32> {
        // SAFETY: the UART's registers are 32-bit, word-aligned device memory at
        // `uartBase` (QEMU's microbit memory map); offsets are the named ones above.
        VolatileMappedRegister<UInt32>(unsafeBitPattern: boardConfiguration.uartBase &+ offset)
    }

    /// Turns the UART on at 115200 baud and starts its transmitter.
    static func initialize() {
        uartRegister(baudRate).store(boardConfiguration.uartBaudRateSetting)
        uartRegister(enable).store(enabled)
        uartRegister(startTransmitTask).store(1)
    }

    /// Sends one byte and waits until the UART has taken it (TXDRDY), so the
    /// next byte, or an exit, never overtakes it.
    static func writeByte(_ byte: UInt8) {
        uartRegister(transmitReadyEvent).store(0)
        uartRegister(transmitData).store(UInt32(byte))
        while uartRegister(transmitReadyEvent).load() == 0 {}
    }

    /// Ends QEMU with `status` (0 = pass) through semihosting.
    static func exit(_ status: Int32) -> Never {
        Semihosting.exit(status)
    }

    /// The flash pages where QEMU's loader may have placed a configuration
    /// blob (`linker/microbit.ld` keeps the image out of them).
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
        Console.write("\n*** Board.wake(hart:): microbit has one core\n")
        exit(Runtime.failureStatus)
    }
}
