// The EL1 exception vector table (VBAR_EL1, installed by each core's start
// code): 16 entries of 128 bytes, in four groups of synchronous / IRQ / FIQ /
// SError: taken from EL1 with SP_EL0, from EL1 with SP_EL1 (Ferrite's own
// code), from EL0 in AArch64, from EL0 in AArch32.
//
// Every exception is fatal in Ferrite (no interrupt is ever unmasked, no EL0
// code runs, nothing is resumed), so an entry saves no registers: it passes
// its index, ESR_EL1, ELR_EL1, FAR_EL1, the core index and the interrupted
// sp to ferrite_exception (Exception.swift) on a fresh stack, the top of
// this core's own (the old sp may be what broke), and never returns.

    .section .text.ferrite_vectors, "ax"
    .balign 2048                        // VBAR_EL1 ignores its low 11 bits
    .globl ferrite_vectors
ferrite_vectors:
    .irp    kind, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    .balign 128
    mov     x0, #\kind
    b       .Lexception_entry
    .endr

.Lexception_entry:
    mov     x19, x0                     // the entry's index
    mov     x20, sp                     // sp when the exception was taken
    mrs     x21, mpidr_el1
    and     x21, x21, #0xff             // this core's index (Aff0)
    mov     x0, x21
    bl      ferrite_stack_top           // (cpu.S) uses no stack
    mov     sp, x0
    mov     x0, x19
    mrs     x1, esr_el1
    mrs     x2, elr_el1
    mrs     x3, far_el1
    mov     x4, x21
    mov     x5, x20
    bl      ferrite_exception           // never returns
1:  wfi
    b       1b
