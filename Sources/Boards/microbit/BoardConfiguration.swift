/// The board's fixed configuration: a compile-time constant. The compiler
/// lays it out in `.rodata` (here: in flash) with no initialiser code
/// (`linker/check-rodata` proves it on every build of the self-test image):
/// read-only for the life of the program. `linker/microbit.ld` holds the same
/// memory map.
struct BoardConfiguration {
    /// The nRF51822's flash, where code runs (QEMU loads the image there).
    let flashStart: UInt
    let flashSize: UInt
    /// Its RAM: data, the stack and the heap.
    let ramStart: UInt
    let ramSize: UInt
    /// UART0, QEMU's serial port 0.
    let uartBase: UInt
    /// The UART's BAUDRATE register value for the line rate (nRF51 reference
    /// manual: 0x01D7E000 is 115200 baud).
    let uartBaudRateSetting: UInt32
    /// Where QEMU's loader places the runtime configuration blob, and the room
    /// reserved for it (the last four 1 KiB pages of flash, outside the image).
    let configurationBlob: UInt
    let configurationBlobSize: Int
}

@used
let boardConfiguration = BoardConfiguration(
    flashStart: 0x0000_0000,
    flashSize: 256 << 10,
    ramStart: 0x2000_0000,
    ramSize: 16 << 10,
    uartBase: 0x4000_2000,
    uartBaudRateSetting: 0x01D7_E000,
    configurationBlob: 0x0003_F000,
    configurationBlobSize: 4 << 10)
