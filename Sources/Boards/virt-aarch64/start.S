// Start code for QEMU virt (AArch64, -kernel ELF). QEMU enters _start on
// core 0 at EL1 with the MMU off and every other core powered off; those are
// powered on later by PSCI CPU_ON (ferrite_board_start_core, called from
// Board.initialize) and enter at .Lsecondary_start.
//  - every core enables FP/SIMD, takes its own stack (__stack_size bytes
//    below its slot's top), installs the vector table, starts its cycle
//    counter and turns the MMU on (mmu.S) before any compiled code runs;
//  - core 0 clears .bss and calls ferrite_boot(heap start, heap end, seed),
//    main(0, 0), then ferrite_exit(status);
//  - other cores call ferrite_board_park(core) (SecondaryCores.swift), which
//    sleeps until woken, runs ferrite_hart_entry(core) and sleeps again.
// .data needs no copy: code runs from RAM (asserted in linker/virt-aarch64.ld).

#define CURRENT_EL_EL1      (1 << 2)
#define CPACR_FPEN_NO_TRAPS (3 << 20)   // FP/SIMD at EL0 and EL1
#define PSCI_CPU_ON_64      0xC4000003
#define SEMIHOSTING_WRITE0  0x04
#define SEMIHOSTING_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

// What every core does first, with x19 = its index (kept): no compiled code
// may run before this.
.macro core_setup
    mov     x0, #CPACR_FPEN_NO_TRAPS
    msr     cpacr_el1, x0
    msr     spsel, #1                   // sp is SP_EL1 (the vectors assume it)
    isb
    mov     x0, x19
    bl      ferrite_stack_top           // (cpu.S) a leaf that uses no stack
    mov     sp, x0
    adrp    x0, ferrite_vectors
    add     x0, x0, :lo12:ferrite_vectors
    msr     vbar_el1, x0
    bl      ferrite_cycle_counter_enable // (cpu.S) CPU.instructionsRetired()
    bl      ferrite_board_mmu_on        // (mmu.S) ends with an isb
.endm

    .section .text.start, "ax"
    .globl _start
_start:
    mrs     x0, CurrentEL
    cmp     x0, #CURRENT_EL_EL1
    b.ne    .Lwrong_exception_level
    mrs     x19, mpidr_el1
    and     x19, x19, #0xff             // Aff0: the core index on virt
    cbnz    x19, .Lpark_forever         // only core 0 is started here
    core_setup

    adrp    x0, __bss_start
    add     x0, x0, :lo12:__bss_start
    adrp    x1, __bss_end
    add     x1, x1, :lo12:__bss_end
1:  cmp     x0, x1                      // both ends are 16-byte aligned (common.ld)
    b.hs    2f
    stp     xzr, xzr, [x0], #16
    b       1b
2:
    adrp    x0, __heap_start
    add     x0, x0, :lo12:__heap_start
    adrp    x1, __heap_end
    add     x1, x1, :lo12:__heap_end
    mrs     x2, cntvct_el0              // the seed: the virtual counter
    bl      ferrite_boot
    mov     x0, #0
    mov     x1, #0
    bl      main
    bl      ferrite_exit                // never returns

// A core powered on by ferrite_board_start_core: x0 = its index (the PSCI
// context id), EL1, MMU off, interrupts masked.
.Lsecondary_start:
    mov     x19, x0
    core_setup
    mov     x0, x19
    bl      ferrite_board_park          // never returns
.Lpark_forever:
    wfi
    b       .Lpark_forever

// Not at EL1 (QEMU run with virtualization=on or secure=on): nothing here
// would work (vectors, PSCI conduit), so say why and stop QEMU with status 1.
.Lwrong_exception_level:
    mov     x0, #SEMIHOSTING_WRITE0
    adr     x1, .Lwrong_exception_level_text
    hlt     #0xf000
    mov     x0, #SEMIHOSTING_EXIT_EXTENDED
    adr     x1, .Lwrong_exception_level_exit
    hlt     #0xf000
    b       .Lpark_forever

    .balign 8
.Lwrong_exception_level_exit:
    .quad   ADP_STOPPED_APPLICATION_EXIT, 1
.Lwrong_exception_level_text:
    .asciz  "ferrite: start.S: entered above EL1; run QEMU virt without virtualization=on or secure=on\n"

    .section .text.ferrite_board_start_core, "ax"
    .globl ferrite_board_start_core
// intptr_t ferrite_board_start_core(uintptr_t core): PSCI CPU_ON through
// hvc (QEMU virt without EL2 or EL3 implements PSCI itself, conduit hvc).
// The target's MPIDR affinity is its index (Aff0; virt puts up to 8 cores
// in cluster 0 with GICv2); it enters .Lsecondary_start with x0 = core.
// Returns the PSCI status: 0 on success, negative otherwise.
ferrite_board_start_core:
    mov     x1, x0                      // target MPIDR affinity
    mov     x3, x0                      // context id: x0 at the entry
    adrp    x2, .Lsecondary_start       // entry, a physical address (identity map)
    add     x2, x2, :lo12:.Lsecondary_start
    ldr     x0, =PSCI_CPU_ON_64
    hvc     #0
    ret

    .section .text.ferrite_board_pause, "ax"
    .globl ferrite_board_pause
// void ferrite_board_pause(void): sleeps this core for about 10 µs: arms
// the virtual timer (its interrupt, 27, is enabled in the GIC by every
// core), waits in wfi (PSTATE.I stays set, so nothing is taken), then
// disarms it, which also withdraws the timer's level interrupt. Under QEMU,
// wfi gives the host CPU away (wfe and yield do not), so a long-spinning
// lock waiter hands it to the vCPU it waits for.
ferrite_board_pause:
    mrs     x0, cntfrq_el0
    ldr     x1, =100000
    udiv    x0, x0, x1                  // ticks in 10 µs
    msr     cntv_tval_el0, x0
    mov     x0, #1                      // ENABLE, interrupt not masked
    msr     cntv_ctl_el0, x0
    isb
    wfi
    msr     cntv_ctl_el0, xzr
    isb
    ret
