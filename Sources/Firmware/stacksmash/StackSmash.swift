import FerriteLibC

/// Built with the stack protector on (the compiler's default: the Makefile's
/// `STACK_PROTECTED_IMAGES`), so it proves that such a program links against
/// the runtime and boots, and that a smashed stack is caught. `make test`
/// checks for `stack smashing detected`, status 6 (`Runtime.stackSmashStatus`)
/// and that the reported pc lies in `fillStackBuffer`.
@main
struct StackSmash {
    static func main() {
        HeapReport.printBanner("stacksmash")
        let guardWord = ferrite_stack_guard()
        if guardWord == UInt(FERRITE_STACK_GUARD_BEFORE_BOOT) || guardWord & 0xff != 0 {
            Console.write("stacksmash: FAIL: __stack_chk_guard was not set at boot\n")
            Runtime.exit(Runtime.failureStatus)
        }
        Console.write("stack guard: a random word set at boot (low byte 0)\n")
        let sum = fillStackBuffer(bytes: bufferBytes)
        Console.write("a protected frame that stays inside its 16-byte buffer returns: sum ")
        Console.writeDecimal(sum)
        Console.write("\nwriting ")
        Console.writeDecimal(overrunBytes)
        Console.write(" bytes into the same 16-byte stack buffer...\n")
        _ = fillStackBuffer(bytes: overrunBytes)
        Console.write("stacksmash: FAIL: the smashed frame returned\n")
        Runtime.exit(Runtime.failureStatus)
    }
}

/// Byte counts read at run time, so the compiler cannot see the overrun.
nonisolated(unsafe) var bufferBytes = 16
nonisolated(unsafe) var overrunBytes = 64

/// Writes `bytes` bytes into a 16-byte buffer on its own stack and sums the
/// 16. The buffer's address escapes into an unsafe pointer, which is what
/// makes the compiler give this frame a canary.
@inline(never)
func fillStackBuffer(bytes: Int) -> Int {
    withUnsafeTemporaryAllocation(byteCount: 16, alignment: 8) { buffer in
        // SAFETY: none when `bytes` > 16; that is the bug this image commits
        // on purpose (the canary must catch it before the function returns).
        let base = buffer.baseAddress.unsafelyUnwrapped
        for i in 0..<bytes {
            base.storeBytes(of: UInt8(truncatingIfNeeded: 0x80 | i), toByteOffset: i, as: UInt8.self)
        }
        var sum = 0
        for i in 0..<16 { sum += Int(base.load(fromByteOffset: i, as: UInt8.self)) }
        return sum
    }
}
