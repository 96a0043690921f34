/// The board's fixed configuration: a compile-time constant. The compiler
/// lays it out in `.rodata` with no initialiser code (`linker/check-rodata`
/// proves it on every build of the self-test image, in `make test`): the
/// `'static` configuration of the Rust texts, read-only for the life of the
/// program and shared by every hart without a lock.
struct BoardConfiguration {
    let ramStart: UInt
    let ramSize: UInt
    let uartBase: UInt
    let testDeviceBase: UInt
    let clintBase: UInt
    let harts: Int
    let uartBaudRate: UInt32
    /// Where QEMU's loader places the runtime configuration blob (`qemu/`).
    let configurationBlob: UInt
}

@used
let boardConfiguration = BoardConfiguration(
    ramStart: 0x8000_0000,
    ramSize: (126 << 20) - (64 << 10),
    uartBase: 0x1000_0000,
    testDeviceBase: 0x0010_0000,
    clintBase: 0x0200_0000,
    harts: 4,
    uartBaudRate: 115_200,
    configurationBlob: 0x87DF_0000)
