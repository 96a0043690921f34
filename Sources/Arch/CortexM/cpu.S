// Cortex-M core helpers the Swift code cannot express (no inline assembly).
// Thumb-1 only, so ARMv6-M and ARMv7-M share them.

    .syntax unified
    .thumb

    .section .text.ferrite_mask_interrupts, "ax"
    .align 1
    .globl ferrite_mask_interrupts
    .type ferrite_mask_interrupts, %function
    .thumb_func
// uintptr_t ferrite_mask_interrupts(void): returns PRIMASK as it was (1 when
// interrupts were already masked, 0 when not), then masks them (cpsid i).
ferrite_mask_interrupts:
    mrs     r0, primask
    cpsid   i
    bx      lr
    .size ferrite_mask_interrupts, . - ferrite_mask_interrupts

    .section .text.ferrite_restore_interrupts, "ax"
    .align 1
    .globl ferrite_restore_interrupts
    .type ferrite_restore_interrupts, %function
    .thumb_func
// void ferrite_restore_interrupts(uintptr_t state): puts PRIMASK back to what
// the matching mask returned (nesting: an inner restore leaves them masked).
ferrite_restore_interrupts:
    msr     primask, r0
    bx      lr
    .size ferrite_restore_interrupts, . - ferrite_restore_interrupts

    .section .text.ferrite_semihosting_call, "ax"
    .align 1
    .globl ferrite_semihosting_call
    .type ferrite_semihosting_call, %function
    .thumb_func
// uintptr_t ferrite_semihosting_call(uintptr_t operation, uintptr_t argument):
// an ARM semihosting request (operation in r0, argument in r1, result in r0).
// On M-profile the request is `bkpt 0xab`; QEMU serves it when run with
// -semihosting (without it, the breakpoint is a HardFault).
ferrite_semihosting_call:
    bkpt    0xab
    bx      lr
    .size ferrite_semihosting_call, . - ferrite_semihosting_call

    .section .text.ferrite_text_contains, "ax"
    .align 1
    .globl ferrite_text_contains
    .type ferrite_text_contains, %function
    .thumb_func
// bool ferrite_text_contains(uintptr_t address): whether address lies in
// [__text_start, __text_end - 2], i.e. a whole halfword of this image's code
// can be read there (the fault report reads the instruction at the stacked pc
// only then: reading an arbitrary pc could fault again).
ferrite_text_contains:
    ldr     r1, =__text_start
    cmp     r0, r1
    blo     1f
    ldr     r1, =__text_end
    subs    r1, #2
    cmp     r0, r1
    bhi     1f
    movs    r0, #1
    bx      lr
1:  movs    r0, #0
    bx      lr
    .size ferrite_text_contains, . - ferrite_text_contains
