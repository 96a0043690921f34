// Cortex-M reset: the C runtime set-up, then Ferrite's boot sequence.
//
// The core starts in privileged Thread mode on MSP (the vector table's word 0,
// the top of the one stack) with PRIMASK clear. _start:
//  - on ARMv7-M, gives full access to the FPU (CP10/CP11 in CPACR): Swift
//    for armv7em (cortex-m4) moves doubles through FPU registers;
//  - copies .data from its load address in CODE (flash) to RAM, and clears .bss;
//  - takes a boot seed from SysTick (run free across the set-up, then stopped);
//  - calls ferrite_boot(__heap_start, __heap_end, seed), main(0, 0), and
//    ferrite_exit(status), which does not return.
// Thumb-1 only (ARMv6-M), apart from the ARMv7-M FPU enable.

    .syntax unified
    .thumb

#define CPACR      0xE000ED88
#define CPACR_FULL (0xF << 20)     // CP10 and CP11: full access
#define SYST_CSR   0xE000E010      // SysTick control and status
#define SYST_RVR   0xE000E014      // SysTick reload value
#define SYST_CVR   0xE000E018      // SysTick current value

    .section .text.ferrite_reset, "ax"
    .align 1
    .globl _start
    .type _start, %function
    .thumb_func
_start:
#if __ARM_ARCH >= 7
    ldr     r0, =CPACR
    ldr     r1, [r0]
    ldr     r2, =CPACR_FULL
    orrs    r1, r2
    str     r1, [r0]
    dsb                             // the write completes...
    isb                             // ...before any FPU instruction is fetched
#endif

    // SysTick counts down from 2^24 - 1 on the core clock, no interrupt.
    ldr     r0, =SYST_CSR
    ldr     r1, =0x00FFFFFF
    str     r1, [r0, #(SYST_RVR - SYST_CSR)]
    movs    r1, #0
    str     r1, [r0, #(SYST_CVR - SYST_CSR)]   // any write clears the count
    movs    r1, #5                              // ENABLE | CLKSOURCE (core clock)
    str     r1, [r0]

    // .data: words from __data_load to [__data_start, __data_end)
    // (linker/common.ld aligns all three to 4).
    ldr     r0, =__data_load
    ldr     r1, =__data_start
    ldr     r2, =__data_end
1:  cmp     r1, r2
    bhs     2f
    ldr     r3, [r0]
    str     r3, [r1]
    adds    r0, #4
    adds    r1, #4
    b       1b

    // .bss: zero words over [__bss_start, __bss_end).
2:  ldr     r1, =__bss_start
    ldr     r2, =__bss_end
    movs    r3, #0
3:  cmp     r1, r2
    bhs     4f
    str     r3, [r1]
    adds    r1, #4
    b       3b

4:  ldr     r0, =SYST_CSR
    ldr     r2, [r0, #(SYST_CVR - SYST_CSR)]   // the seed: wherever SysTick got to
    movs    r1, #0
    str     r1, [r0]                            // stop SysTick again
    ldr     r0, =__heap_start
    ldr     r1, =__heap_end
    bl      ferrite_boot
    movs    r0, #0
    movs    r1, #0
    bl      main
    bl      ferrite_exit                        // r0: main's status
5:  b       5b                                  // not reached
    .size _start, . - _start
