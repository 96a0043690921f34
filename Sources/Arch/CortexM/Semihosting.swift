/// ARM semihosting: requests the debugger (here QEMU, run with
/// `-semihosting`) serves when the core executes `bkpt 0xab`. Ferrite uses it
/// to end QEMU with the guest's status.
enum Semihosting {
    /// SYS_EXIT_EXTENDED: ends the session, with a reason and a subcode.
    static var exitExtended: UInt { 0x20 }
    /// ADP_Stopped_ApplicationExit: a normal exit; the subcode is the status.
    static var applicationExit: UInt { 0x2_0026 }

    /// Ends QEMU with `status` as its exit status. On 32-bit ARM,
    /// SYS_EXIT_EXTENDED takes the address of a two-word block: the reason,
    /// then the subcode (plain SYS_EXIT could only say "success" or not).
    static func exit(_ status: Int32) -> Never {
        var block: (reason: UInt, subcode: UInt) = (applicationExit, UInt(bitPattern: Int(status)))
        withUnsafeMutablePointer(to: &block) { pointer in
            // SAFETY: the block is live for the whole call and QEMU only reads it.
            _ = ferriteSemihostingCall(exitExtended, UInt(bitPattern: pointer))
        }
        // Only reached if the host ignored the request: stop here.
        while true {}
    }
}

@_extern(c, "ferrite_semihosting_call") func ferriteSemihostingCall(_ operation: UInt, _ argument: UInt) -> UInt
