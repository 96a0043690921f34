// Machine-mode helpers the Swift code cannot express (no inline assembly).

    .section .text.ferrite_instructions_retired, "ax"
    .globl ferrite_instructions_retired
// uint64_t ferrite_instructions_retired(void): minstret. Under
// `qemu -icount shift=0` it advances by exactly one per instruction.
ferrite_instructions_retired:
#if __riscv_xlen == 64
    csrr    a0, minstret
#else
    // The 64-bit count through its halves: retry if the low half wrapped
    // between the two reads of the high half.
1:  csrr    a1, minstreth
    csrr    a0, minstret
    csrr    t0, minstreth
    bne     a1, t0, 1b
#endif
    ret

    .section .text.ferrite_hart_id, "ax"
    .globl ferrite_hart_id
// uintptr_t ferrite_hart_id(void): mhartid.
ferrite_hart_id:
    csrr    a0, mhartid
    ret

    .section .text.ferrite_mask_interrupts, "ax"
    .globl ferrite_mask_interrupts
// uintptr_t ferrite_mask_interrupts(void): clears mstatus.MIE and returns the
// previous mstatus.MIE bit (8 or 0), for ferrite_restore_interrupts.
ferrite_mask_interrupts:
    csrrci  a0, mstatus, 8
    andi    a0, a0, 8
    ret

    .section .text.ferrite_restore_interrupts, "ax"
    .globl ferrite_restore_interrupts
// void ferrite_restore_interrupts(uintptr_t state): sets mstatus.MIE back if
// it was set when the matching mask ran (nesting: inner restores are no-ops).
ferrite_restore_interrupts:
    csrs    mstatus, a0
    ret
