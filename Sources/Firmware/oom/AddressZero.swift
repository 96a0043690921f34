import Ferrite
import _Volatile

/// The oom image's proof that nothing wrote to address 0, where a NULL
/// buffer's header and first elements would land.
///
/// - Cortex-M (`mps2-an386`, `microbit`): address 0 is readable memory, the
///   vector table (RAM on the MPS2, so a write there is silent; flash on the
///   micro:bit). The first 128 bytes are hashed at the start and again when
///   the heap refuses the array; a difference fails the run (status 1).
/// - RISC-V `virt` and `virt-aarch64`: there is no memory at address 0 (the
///   `fault` image proves a load near it traps; on AArch64 the MMU leaves it
///   unmapped), so a write there would end the run with the trap report and
///   status 3: the run's status 5 shows none happened.
enum AddressZero {
    /// Bytes checked from address 0: the Cortex-M core exception vectors, and
    /// more than the header and first elements of an array at NULL.
    static var checkedBytes: UInt { 128 }
    /// FNV-1a of those bytes at the start of the program.
    nonisolated(unsafe) static var bootHash: UInt32 = 0

    static func remember() {
        #if arch(arm)
        bootHash = hash()
        #endif
    }

    /// Prints what address 0 shows now; stops with the failure status if it
    /// was written.
    static func check() {
        #if arch(arm)
        if hash() != bootHash { OutOfMemoryImage.fail("address 0 was written (the vector table changed)") }
        Console.write("address 0: the vector table's first ")
        Console.writeDecimal(Int(checkedBytes))
        Console.write(" bytes are as they were at boot\n")
        #else
        Console.write("address 0: no memory on this board (a write there traps: status 3, not 5)\n")
        #endif
    }

    #if arch(arm)
    static func hash() -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        var address: UInt = 0
        while address < checkedBytes {
            // SAFETY: on Cortex-M the vector table is at 0 (VTOR's reset
            // value) and the board's linker script puts code there: readable
            // memory; a volatile load, so the compiler keeps a read of address 0.
            let word = VolatileMappedRegister<UInt32>(unsafeBitPattern: address).load()
            hash = (hash ^ word) &* 0x0100_0193
            address &+= 4
        }
        return hash
    }
    #endif
}
