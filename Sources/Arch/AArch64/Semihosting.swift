/// Requests to the debugger or emulator that hosts the program (Arm
/// semihosting; QEMU answers them when run with `-semihosting`).
enum Semihosting {
    /// SYS_EXIT_EXTENDED: the program ends, with a reason and a subcode.
    static let exitExtended: UInt = 0x20
    /// ADP_Stopped_ApplicationExit: a normal exit; the subcode is the status.
    static let applicationExit: UInt = 0x20026
    /// The `hlt #0xf000` instruction's encoding.
    static let trapInstruction: UInt32 = 0xD45E_0000

    /// Ends the program: QEMU exits with `status` (its low 8 bits).
    static func exit(_ status: Int32) -> Never {
        var block: (reason: UInt, subcode: UInt) = (applicationExit, UInt(bitPattern: Int(status)))
        // SAFETY: `block` outlives the call, and the host only reads the two
        // words the pointer names (the identity map makes the stack address
        // the one the host sees).
        withUnsafeMutablePointer(to: &block) { _ = ferriteSemihostingCall(exitExtended, UnsafeRawPointer($0)) }
        // Only reached if the host ignored the request.
        while true { CPU.waitForInterrupt() }
    }
}

/// The semihosting trap (semihosting.S): `operation` with its parameter block.
@_extern(c, "ferrite_semihosting_call")
func ferriteSemihostingCall(_ operation: UInt, _ parameters: UnsafeRawPointer) -> UInt
