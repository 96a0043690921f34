// Arm semihosting for AArch64 (QEMU -semihosting).

    .section .text.ferrite_semihosting_call, "ax"
    .globl ferrite_semihosting_call
// uintptr_t ferrite_semihosting_call(uintptr_t operation, const void *parameters):
// the A64 semihosting trap, `hlt #0xf000`, with the operation in w0 and the
// parameter block's address in x1; the host's result comes back in x0.
// Without -semihosting, QEMU treats the hlt as an undefined instruction
// (Exception.swift recognises it).
ferrite_semihosting_call:
    hlt     #0xf000
    ret
