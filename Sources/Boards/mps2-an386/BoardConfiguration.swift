/// The board's fixed configuration: a compile-time constant. The compiler
/// lays it out in `.rodata` with no initialiser code (`linker/check-rodata`
/// proves it on every build of the self-test image): read-only for the life
/// of the program. `linker/mps2-an386.ld` holds the same memory map.
struct BoardConfiguration {
    /// SSRAM1, where code and the vector table live (QEMU loads the image there).
    let codeStart: UInt
    let codeSize: UInt
    /// SSRAM2/3: data, stack and heap.
    let ramStart: UInt
    let ramSize: UInt
    /// CMSDK APB UART0, QEMU's serial port 0.
    let uartBase: UInt
    /// The UART's APB clock (the FPGA's 25 MHz) and the line rate.
    let uartClockHz: UInt32
    let uartBaudRate: UInt32
    /// Where QEMU's loader places the runtime configuration blob, and the
    /// room reserved for it (the top of SSRAM2/3, outside the heap).
    let configurationBlob: UInt
    let configurationBlobSize: Int
}

@used
let boardConfiguration = BoardConfiguration(
    codeStart: 0x0000_0000,
    codeSize: 4 << 20,
    ramStart: 0x2000_0000,
    ramSize: (4 << 20) - (64 << 10),
    uartBase: 0x4000_4000,
    uartClockHz: 25_000_000,
    uartBaudRate: 115_200,
    configurationBlob: 0x203F_0000,
    configurationBlobSize: 64 << 10)
