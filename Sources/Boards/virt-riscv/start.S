// Start code for QEMU virt (riscv64 and riscv32) with -bios none. Every hart
// enters at _start in machine mode with a0 = hart id.
//  - each hart gets its own stack (__stack_size bytes below its slot's top);
//  - every hart points mtvec at the trap entry below;
//  - hart 0 clears .bss, calls ferrite_boot(heap start, heap end, seed),
//    main(0, 0), then ferrite_exit(status);
//  - other harts park in wfi until hart 0 raises their software interrupt,
//    then call ferrite_hart_entry(hart id) and park again.
//  - harts beyond __max_harts have no stack: they park forever.
//  - a hart that parks first adds 1 to ferrite_harts_parked (Board.startedHarts).

#define CLINT_MSIP 0x02000000
#define MIP_MSIP   (1 << 3)

#if __riscv_xlen == 64
#define STORE_WORD sd
#define WORD_BYTES 8
#else
#define STORE_WORD sw
#define WORD_BYTES 4
#endif

// sp = __stacks_start + (hart + 1) * __stack_size: the top of this hart's stack.
.macro set_hart_stack hart
    lui     t1, %hi(__stack_size)
    addi    t1, t1, %lo(__stack_size)
    addi    t2, \hart, 1
    mul     t2, t2, t1
    la      sp, __stacks_start
    add     sp, sp, t2
.endm

    .section .text.start, "ax"
    .globl _start
_start:
    csrw    mie, zero
    csrw    mstatus, zero
    csrr    a0, mhartid
    lui     t0, %hi(__max_harts)
    addi    t0, t0, %lo(__max_harts)
    bgeu    a0, t0, park_forever

    set_hart_stack a0

    la      t0, trap_entry
    csrw    mtvec, t0

    bnez    a0, park

    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    STORE_WORD zero, 0(t0)
    addi    t0, t0, WORD_BYTES
    j       1b
2:
    la      a0, __heap_start
    la      a1, __heap_end
    csrr    a2, mcycle
    call    ferrite_boot
    li      a0, 0
    li      a1, 0
    call    main
    call    ferrite_exit

// A parked hart: interrupts stay globally off (mstatus.MIE = 0), so the
// software interrupt only ends wfi; mip.MSIP tells a real wake from a
// spurious one.
park:
    la      t0, ferrite_harts_parked
    li      t1, 1
    amoadd.w zero, t1, (t0)      // (in .data: hart 0's .bss clearing cannot undo it)
    li      t0, MIP_MSIP
    csrw    mie, t0
3:  wfi
    csrr    t0, mip
    andi    t0, t0, MIP_MSIP
    beqz    t0, 3b
    csrr    a0, mhartid
    slli    t1, a0, 2
    li      t2, CLINT_MSIP
    add     t1, t1, t2
    sw      zero, 0(t1)          // acknowledge the wake-up
    call    ferrite_hart_entry
    j       3b

park_forever:
    wfi
    j       park_forever

// Harts (other than hart 0) that reached park: read by Board.startedHarts.
    .section .data.ferrite_harts_parked, "aw"
    .balign 4
    .globl ferrite_harts_parked
ferrite_harts_parked:
    .word   0

// int32_t ferrite_board_harts_parked(void): ferrite_harts_parked (an aligned
// word load is single-copy atomic against the harts' amoadd).
    .section .text.ferrite_board_harts_parked, "ax"
    .globl ferrite_board_harts_parked
ferrite_board_harts_parked:
    la      a0, ferrite_harts_parked
    lw      a0, 0(a0)
    ret

// Any trap is fatal: report it on a fresh stack (the old one may be what broke).
    .align 2
trap_entry:
    csrr    a0, mcause
    csrr    a1, mepc
    csrr    a2, mtval
    csrr    a3, mhartid
    set_hart_stack a3
    call    ferrite_trap
4:  j       4b

// void ferrite_board_pause(void): sleeps this hart for ~10 µs of machine time
// (100 ticks of the 10 MHz CLINT timer): arms mtimecmp, enables only the
// timer in mie, waits in wfi (mstatus.MIE stays 0, so no trap is taken), then
// disarms the timer and restores mie. A lock waiter calls it after long
// spinning, so a hart that sleeps hands its host CPU to the vCPU it waits for.
#define CLINT_MTIMECMP 0x02004000
#define CLINT_MTIME    0x0200BFF8
#define MIE_MTIE       (1 << 7)
    .section .text.ferrite_board_pause, "ax"
    .globl ferrite_board_pause
ferrite_board_pause:
    csrr    t0, mhartid
    slli    t0, t0, 3
    li      t1, CLINT_MTIMECMP
    add     t1, t1, t0              // this hart's mtimecmp
    li      t2, CLINT_MTIME
#if __riscv_xlen == 64
    ld      t3, 0(t2)
    addi    t3, t3, 100
    sd      t3, 0(t1)               // fire 100 ticks from now
#else
    // 64-bit mtime and mtimecmp through 32-bit halves: park the compare at
    // its maximum while writing, and read mtime's halves until the upper one
    // holds still.
    li      t3, -1
    sw      t3, 4(t1)
1:  lw      t4, 4(t2)
    lw      t3, 0(t2)
    lw      t6, 4(t2)
    bne     t4, t6, 1b
    addi    t6, t3, 100
    sltu    t3, t6, t3              // carry out of the low half
    add     t4, t4, t3
    sw      t6, 0(t1)               // fire 100 ticks from now
    sw      t4, 4(t1)
#endif
    li      t4, MIE_MTIE
    csrrw   t5, mie, t4             // only the timer may end the wfi
    wfi
    li      t3, -1
#if __riscv_xlen == 64
    sd      t3, 0(t1)               // disarm
#else
    sw      t3, 4(t1)               // disarm (upper half first)
    sw      t3, 0(t1)
#endif
    csrw    mie, t5
    ret
