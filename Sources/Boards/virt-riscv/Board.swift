import _Volatile
import Synchronization

/// QEMU `virt` for RISC-V, `-bios none`: the memory map, console, exit and
/// hart wake-up shared by the `virt-rv64` and `virt-rv32` boards (each of
/// their folders adds its name and build settings). The runtime calls only the
/// members below (the board contract, README "Adding a board"); nothing outside
/// this folder and `linker/virt-riscv.ld` knows these addresses.
enum Board {
    /// Cores the runtime may release (`Runtime.release(hart:run:)`); hart 0 boots.
    static var cores: Int { boardConfiguration.harts }

    /// Harts that started (`Runtime.startedHarts`): hart 0 and each hart
    /// below `__max_harts` that reached `start.S`'s park (QEMU starts every
    /// hart of `-smp` at once; absent ones never arrive). The first call
    /// waits, up to ~100 ms of machine time, for the harts still on their way.
    static var startedHarts: Int {
        // Relaxed: a cache of a count that only grows to its final value.
        let known = startedHartsCache.load(ordering: .relaxed)
        if known != 0 { return known }
        let expected = min(cores, 4) - 1
        var pauses = 0
        // A count only: the harts it counts run nothing until woken.
        while Int(ferriteBoardHartsParked()) < expected && pauses < 10_000 {
            pause()
            pauses += 1
        }
        let started = 1 + Int(ferriteBoardHartsParked())
        startedHartsCache.store(started, ordering: .relaxed)
        return started
    }
    /// `startedHarts` once known; 0 before.
    static let startedHartsCache = Atomic<Int>(0)

    /// An address with no memory or device behind it: a load from it must trap
    /// (the `fault` image proves the trap handler reports it).
    static var faultAddress: UInt { 0x8 }

    // MARK: Memory map (QEMU hw/riscv/virt.c), from the read-only configuration
    /// SiFive test device: a write ends QEMU with a status.
    static var testDevice: UInt { boardConfiguration.testDeviceBase }
    /// CLINT: one machine-software-interrupt word per hart.
    static var clint: UInt { boardConfiguration.clintBase }
    /// NS16550A UART.
    static var uart: UInt { boardConfiguration.uartBase }

    // 16550 registers (byte offsets) and bits.
    static let transmitHolding: UInt = 0, interruptEnable: UInt = 1, fifoControl: UInt = 2
    static let lineControl: UInt = 3, lineStatus: UInt = 5
    static let transmitterEmpty: UInt8 = 1 << 5

    @inline(__always)
    static func register8(_ offset: UInt) -> VolatileMappedRegister<UInt8> {
        VolatileMappedRegister<UInt8>(unsafeBitPattern: uart &+ offset)
    }

    /// Puts the UART in 8N1 with FIFOs and no interrupts.
    static func initialize() {
        register8(interruptEnable).store(0)
        register8(lineControl).store(0x03)
        register8(fifoControl).store(0x07)
    }

    /// Sends one byte, waiting for room in the transmitter.
    static func writeByte(_ byte: UInt8) {
        while register8(lineStatus).load() & transmitterEmpty == 0 {}
        register8(transmitHolding).store(byte)
    }

    /// Ends QEMU: status 0 is "pass" (0x5555); anything else is "fail" with
    /// the status in the upper half (QEMU exits with it).
    static func exit(_ status: Int32) -> Never {
        let finisher = VolatileMappedRegister<UInt32>(unsafeBitPattern: testDevice)
        if status == 0 {
            finisher.store(0x5555)
        } else {
            // A fail code of 0 would make QEMU exit 0: never let that happen.
            let code = UInt32(truncatingIfNeeded: status) & 0xffff
            finisher.store(0x3333 | (code == 0 ? 1 : code) << 16)
        }
        while true {}
    }

    /// The memory where QEMU's loader may have placed a configuration blob
    /// (`linker/virt-rv64.ld` keeps it out of the heap).
    static var configurationBlob: UnsafeMutableRawBufferPointer? {
        UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(bitPattern: boardConfiguration.configurationBlob),
                                      count: 64 << 10)
    }

    /// Sleeps this hart for a moment (start.S): what a lock waiter does
    /// after long spinning, through `ExecutionContext.yieldProcessor`.
    static func pause() { ferriteBoardPause() }

    /// Raises hart `hart`'s machine software interrupt, waking it from `wfi`.
    static func wake(hart: Int) {
        VolatileMappedRegister<UInt32>(unsafeBitPattern: clint &+ UInt(hart) &* 4).store(1)
    }
}

@_extern(c, "ferrite_board_pause") func ferriteBoardPause()
/// Harts other than hart 0 that reached park (start.S).
@_extern(c, "ferrite_board_harts_parked") func ferriteBoardHartsParked() -> Int32
