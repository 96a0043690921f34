/// The board's fixed configuration: a compile-time constant. The compiler
/// lays it out in `.rodata` with no initialiser code (`linker/check-rodata`
/// proves it on every build of the self-test image, in `make test`): the
/// `'static` configuration of the Rust texts, read-only for the life of the
/// program and shared by every core without a lock.
struct BoardConfiguration {
    /// RAM Ferrite owns (`linker/virt-aarch64.ld`): above the 2 MiB QEMU
    /// gives the device tree, below the configuration blob.
    let ramStart: UInt
    let ramSize: UInt
    /// PL011 UART.
    let uartBase: UInt
    /// Its reference clock (QEMU virt's `apb-pclk`), for the baud divisor.
    let uartClockHz: UInt32
    let uartBaudRate: UInt32
    /// GICv2 distributor and CPU interface.
    let gicDistributorBase: UInt
    let gicCPUInterfaceBase: UInt
    /// Cores the runtime may release; `__max_harts` in the linker script.
    let harts: Int
    /// Where QEMU's loader places the runtime configuration blob (`qemu/`).
    let configurationBlob: UInt
}

@used
let boardConfiguration = BoardConfiguration(
    ramStart: 0x4020_0000,
    ramSize: (126 << 20) - (64 << 10),
    uartBase: 0x0900_0000,
    uartClockHz: 24_000_000,
    uartBaudRate: 115_200,
    gicDistributorBase: 0x0800_0000,
    gicCPUInterfaceBase: 0x0801_0000,
    harts: 4,
    configurationBlob: 0x47FF_0000)
