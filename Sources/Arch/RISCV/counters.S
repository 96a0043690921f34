// Hardware counters for measurements (machine mode).
    .section .text.ferrite_instructions_retired, "ax"
    .globl ferrite_instructions_retired
// uint64_t ferrite_instructions_retired(void): minstret. Under
// `qemu -icount shift=0` it advances by exactly one per instruction.
ferrite_instructions_retired:
    csrr    a0, minstret
    ret
