// The Cortex-M vector table and the one entry every exception takes.
//
// The table is the first thing in CODE (section .text.start, which
// linker/common.ld places at ORIGIN(CODE)): at reset the core loads the
// initial main stack pointer from word 0 and jumps to word 1 (VTOR resets to
// 0, where every Ferrite Cortex-M board keeps CODE). Ferrite enables no
// interrupt and no configurable fault, so every other entry is a fault (or an
// exception that should never happen): all of them go to
// ferrite_cortexm_fault_entry, which reports it and stops the program.
//
// Thumb-1 only (ARMv6-M's instruction set), so both boards share it.

    .syntax unified
    .thumb

    .section .text.start, "a"
    .align 2
    .globl ferrite_vector_table
ferrite_vector_table:
    .word   __stacks_end                // 0: initial MSP, the top of the one stack
    .word   _start                      // 1: Reset (Thumb bit set: _start is a Thumb function)
    .word   ferrite_cortexm_fault_entry // 2: NMI
    .word   ferrite_cortexm_fault_entry // 3: HardFault
    .word   ferrite_cortexm_fault_entry // 4: MemManage (ARMv7-M)
    .word   ferrite_cortexm_fault_entry // 5: BusFault (ARMv7-M)
    .word   ferrite_cortexm_fault_entry // 6: UsageFault (ARMv7-M)
    .word   0, 0, 0, 0                  // 7-10: reserved
    .word   ferrite_cortexm_fault_entry // 11: SVCall
    .word   ferrite_cortexm_fault_entry // 12: DebugMonitor (ARMv7-M)
    .word   0                           // 13: reserved
    .word   ferrite_cortexm_fault_entry // 14: PendSV
    .word   ferrite_cortexm_fault_entry // 15: SysTick
    // 16-47: external interrupts 0-31 (none is ever enabled: reported if one fires).
    .rept 32
    .word   ferrite_cortexm_fault_entry
    .endr

// The exception entry. The core has pushed r0-r3, r12, lr, pc and xPSR on
// the stack in use when the exception came (MSP or PSP: bit 2 of EXC_RETURN,
// which is in lr, says which). This takes the stacked pc, lr and xPSR and the
// exception number (IPSR), moves MSP to the top of the stack (the old stack
// pointer may be what broke), and calls
// ferrite_cortexm_fault(pc, lr, xpsr, exception), which never returns.
    .section .text.ferrite_cortexm_fault_entry, "ax"
    .align 1
    .globl ferrite_cortexm_fault_entry
    .type ferrite_cortexm_fault_entry, %function
    .thumb_func
ferrite_cortexm_fault_entry:
    mov     r0, lr                  // EXC_RETURN
    movs    r1, #4
    tst     r0, r1                  // bit 2 clear: the frame is on MSP
    bne     1f
    mrs     r1, msp
    b       2f
1:  mrs     r1, psp
2:  ldr     r0, [r1, #24]           // stacked pc: the faulting instruction
    ldr     r2, [r1, #28]           // stacked xPSR
    ldr     r1, [r1, #20]           // stacked lr
    mrs     r3, ipsr                // this exception's number
    ldr     r4, =__stacks_end
    mov     sp, r4                  // a fresh stack for the report
    bl      ferrite_cortexm_fault
3:  b       3b                      // not reached: the report ends the program
    .size ferrite_cortexm_fault_entry, . - ferrite_cortexm_fault_entry
