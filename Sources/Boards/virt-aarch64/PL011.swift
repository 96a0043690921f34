import _Volatile

/// The PL011 UART at `boardConfiguration.uartBase`: transmit only, polled.
enum PL011 {
    // Register offsets (bytes) and bits (PL011 TRM).
    static let data: UInt = 0x00, flags: UInt = 0x18
    static let integerBaud: UInt = 0x24, fractionalBaud: UInt = 0x28
    static let lineControl: UInt = 0x2C, control: UInt = 0x30, interruptMask: UInt = 0x38
    static let transmitFIFOFull: UInt32 = 1 << 5
    static let eightBitsWithFIFOs: UInt32 = 0b11 << 5 | 1 << 4
    static let enableTransmitAndReceive: UInt32 = 1 << 0 | 1 << 8 | 1 << 9

    /// The 32-bit register at `offset`.
    @inline(__always)
    static func register(_ offset: UInt) -> VolatileMappedRegister<UInt32> {
        // SAFETY: `offset` is one of the PL011 register offsets above, so the
        // address is that register, which mmu.S maps as Device-nGnRnE memory.
        VolatileMappedRegister<UInt32>(unsafeBitPattern: boardConfiguration.uartBase &+ offset)
    }

    /// 8N1 with FIFOs at the configured baud rate, no interrupts.
    static func initialize() {
        register(control).store(0)
        // Divisor = clock / (16 × baud), in 16.6 fixed point, rounded.
        let divisor64 = (boardConfiguration.uartClockHz &* 4 &+ boardConfiguration.uartBaudRate / 2)
            / boardConfiguration.uartBaudRate
        register(integerBaud).store(divisor64 >> 6)
        register(fractionalBaud).store(divisor64 & 0x3f)
        register(lineControl).store(eightBitsWithFIFOs)
        register(interruptMask).store(0)
        register(control).store(enableTransmitAndReceive)
    }

    /// Sends one byte, waiting while the transmit FIFO is full.
    static func write(_ byte: UInt8) {
        while register(flags).load() & transmitFIFOFull != 0 {}
        register(data).store(UInt32(byte))
    }
}
