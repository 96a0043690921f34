// EL1 helpers the Swift code cannot express (no inline assembly).

    .section .text.ferrite_core_id, "ax"
    .globl ferrite_core_id
// uintptr_t ferrite_core_id(void): MPIDR_EL1.Aff0, the core's index on a
// single-cluster machine.
ferrite_core_id:
    mrs     x0, mpidr_el1
    and     x0, x0, #0xff
    ret

    .section .text.ferrite_stack_top, "ax"
    .globl ferrite_stack_top
// uintptr_t ferrite_stack_top(uintptr_t core): __stacks_start +
// (core + 1) * __stack_size, the top of that core's stack (linker/common.ld).
// A leaf that uses no stack and clobbers only x0 and x1: the start code and
// the exception vectors call it before sp is valid.
ferrite_stack_top:
    add     x0, x0, #1
    ldr     x1, =__stack_size
    mul     x0, x0, x1
    adrp    x1, __stacks_start
    add     x1, x1, :lo12:__stacks_start
    add     x0, x0, x1
    ret

    .section .text.ferrite_mask_interrupts, "ax"
    .globl ferrite_mask_interrupts
// uintptr_t ferrite_mask_interrupts(void): masks IRQ and FIQ (DAIF.I, F)
// and returns the DAIF value from before, for ferrite_restore_interrupts.
ferrite_mask_interrupts:
    mrs     x0, daif
    msr     daifset, #3
    ret

    .section .text.ferrite_restore_interrupts, "ax"
    .globl ferrite_restore_interrupts
// void ferrite_restore_interrupts(uintptr_t state): puts DAIF back as the
// matching mask found it (nesting: inner restores change nothing).
ferrite_restore_interrupts:
    msr     daif, x0
    ret

    .section .text.ferrite_cycle_counter_enable, "ax"
    .globl ferrite_cycle_counter_enable
// void ferrite_cycle_counter_enable(void): starts this core's PMU cycle
// counter (PMCR_EL0.E, PMCNTENSET_EL0.C), counting at EL1 and EL0. A leaf
// that uses no stack and clobbers only x0 (the start code calls it).
ferrite_cycle_counter_enable:
    mrs     x0, pmcr_el0
    orr     x0, x0, #1                  // E: counters on
    msr     pmcr_el0, x0
    mov     x0, #(1 << 31)              // C: the cycle counter
    msr     pmcntenset_el0, x0
    isb
    ret

    .section .text.ferrite_cycle_count, "ax"
    .globl ferrite_cycle_count
// uint64_t ferrite_cycle_count(void): PMCCNTR_EL0. QEMU derives it from its
// virtual clock at 1 GHz; under `-icount shift=0` an instruction takes one
// nanosecond, so it advances by exactly one per instruction.
ferrite_cycle_count:
    isb                                 // no earlier instruction still in flight
    mrs     x0, pmccntr_el0
    ret

    .section .text.ferrite_wait_for_interrupt, "ax"
    .globl ferrite_wait_for_interrupt
// void ferrite_wait_for_interrupt(void): wfi. Returns when an interrupt is
// pending at the GIC's CPU interface, taken or not (PSTATE.I may mask it).
ferrite_wait_for_interrupt:
    wfi
    ret

    .section .text.ferrite_store_barrier, "ax"
    .globl ferrite_store_barrier
// void ferrite_store_barrier(void): stores before it are observed by the
// other cores (inner shareable domain) before stores after it, device
// stores included.
ferrite_store_barrier:
    dmb     ishst
    ret

    .section .text.ferrite_memory_barrier, "ax"
    .globl ferrite_memory_barrier
// void ferrite_memory_barrier(void): a full barrier for the inner
// shareable domain: loads and stores before it, device accesses included,
// are ordered before those after it.
ferrite_memory_barrier:
    dmb     ish
    ret
