import Ferrite

// The stack protector works with the compiler's default flags: Swift (and
// clang) put a canary copied from `__stack_chk_guard` in every frame holding a
// buffer whose address escapes (`withUnsafeTemporaryAllocation`,
// `withUnsafeMutableBytes(of: &local)`, ...) and call `__stack_chk_fail` when
// it changed before the function returns. Both symbols are the runtime's
// (C/stack_protector.c): the guard is a random word chosen at boot by
// `ferrite_boot` (C/boot.c) from the boot seed, with its low byte 0. It is as
// unpredictable as that seed (the board's cycle counter at boot: it stops
// accidents and naive overflows, not an attacker who can time the boot;
// deterministic under `qemu -icount`).

/// Reports a smashed stack and stops the program with
/// `Runtime.stackSmashStatus`: the frame's return address can no longer be
/// trusted, so returning is not an option. `checkAddress` is where the failed
/// check called from, inside the function whose frame was overwritten
/// (`llvm-symbolizer --obj=IMAGE <address>` names it). Allocates nothing.
@c(ferrite_stack_smashed)
func ferriteStackSmashed(_ checkAddress: UInt) -> Never {
    Console.write("\n*** ferrite: stack smashing detected: a write past a stack buffer overwrote its frame's canary\n")
    Console.write("*** the check failed at pc ")
    Console.writeHex(checkAddress)
    Console.write(" (in the function whose frame it was), on hart ")
    Console.writeDecimal(ExecutionContext.current &- 1)  // `current` is the hart id + 1
    Console.write("\n*** stopped (status ")
    Console.writeDecimal(Int(Runtime.stackSmashStatus))
    Console.write(")\n")
    Runtime.exit(Runtime.stackSmashStatus)
}
