// The MMU for QEMU virt (AArch64): one identity map shared by every core.
//
// With the MMU off every data access is Device memory: unaligned accesses
// fault and exclusives (LDXR/STXR, Swift's atomics) are not guaranteed, so
// each core turns it on before running any Swift code.
//
// 4 KiB granule, 32-bit virtual addresses (TTBR0_EL1 only, walks start at
// level 1, four 1 GiB entries):
//   0x0000_0000-0x3FFF_FFFF  a level-2 table of 2 MiB blocks, where only
//                            0x0800_0000-0x0FFF_FFFF is mapped (GIC, PL011,
//                            RTC, fw_cfg, GPIO, virtio-mmio, platform bus):
//                            Device-nGnRnE, never executable. The flash at 0
//                            and the PCIe windows stay unmapped, so a
//                            near-null pointer takes a translation fault
//                            (Board.faultAddress).
//   0x4000_0000-0x7FFF_FFFF  one 1 GiB block: RAM (device tree, image, heap,
//                            configuration blob), Normal write-back
//                            cacheable, inner shareable, executable at EL1.
//   0x8000_0000-0xFFFF_FFFF  unmapped.

// MAIR_EL1: attribute 0 = Device-nGnRnE, attribute 1 = Normal, inner and
// outer write-back, read- and write-allocate.
#define ATTR_DEVICE     0
#define ATTR_NORMAL     1
#define MAIR_VALUE      (0xFF << (8 * ATTR_NORMAL))

// Descriptor fields (block descriptors at levels 1 and 2).
#define DESC_BLOCK      0x1
#define DESC_TABLE      0x3
#define ATTR_INDEX(n)   ((n) << 2)
#define SH_INNER        (3 << 8)
#define AF              (1 << 10)       // accessed: no access-flag faults
#define PXN             (1 << 53)
#define UXN             (1 << 54)
#define DEVICE_BLOCK    (DESC_BLOCK | ATTR_INDEX(ATTR_DEVICE) | AF | PXN | UXN)
#define NORMAL_BLOCK    (DESC_BLOCK | ATTR_INDEX(ATTR_NORMAL) | SH_INNER | AF | UXN)

// TCR_EL1: T0SZ = 32 (4 GiB), table walks write-back cacheable and inner
// shareable, 4 KiB granule, TTBR1 walks disabled (EPD1), 32-bit physical
// addresses (IPS = 0).
#define TCR_VALUE       (32 | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23))

// SCTLR_EL1 bits.
#define SCTLR_M         (1 << 0)        // MMU on
#define SCTLR_A         (1 << 1)        // alignment checks: off
#define SCTLR_C         (1 << 2)        // data cache on
#define SCTLR_I         (1 << 12)       // instruction cache on
#define SCTLR_WXN       (1 << 19)       // writable-implies-never-execute: off

    .section .text.ferrite_board_mmu_on, "ax"
    .globl ferrite_board_mmu_on
// void ferrite_board_mmu_on(void): turns on the MMU and the caches on the
// calling core. A leaf that uses no stack (start.S calls it before sp is
// used); clobbers x0. The Cortex-A53 invalidates its caches and TLBs at
// reset, so nothing stale can be hit here.
ferrite_board_mmu_on:
    ldr     x0, =MAIR_VALUE
    msr     mair_el1, x0
    ldr     x0, =TCR_VALUE
    msr     tcr_el1, x0
    adrp    x0, .Llevel1
    add     x0, x0, :lo12:.Llevel1
    msr     ttbr0_el1, x0
    isb                                 // the registers above are in effect...
    tlbi    vmalle1                     // ...and no translation is cached
    dsb     nsh
    isb
    mrs     x0, sctlr_el1
    orr     x0, x0, #SCTLR_M
    orr     x0, x0, #SCTLR_C
    orr     x0, x0, #SCTLR_I
    bic     x0, x0, #SCTLR_A
    bic     x0, x0, #SCTLR_WXN
    msr     sctlr_el1, x0
    isb                                 // fetch the next instruction translated
    ret

// The tables: read-only data, read by the table walker only. The level-2
// table fills its 4 KiB exactly, so the level-1 table after it is aligned
// too (TTBR0 needs 64 bytes) with no padding between them.
    .section .rodata.ferrite_page_tables, "a"
    .balign 4096
.Llevel2_low:
    .fill   64, 8, 0                            // 0x0000_0000-0x07FF_FFFF: flash, unmapped
    .set    .Lblock, 0x08000000
    .rept   64                                  // 0x0800_0000-0x0FFF_FFFF: devices
    .quad   .Lblock | DEVICE_BLOCK
    .set    .Lblock, .Lblock + 0x200000
    .endr
    .fill   384, 8, 0                           // 0x1000_0000-0x3FFF_FFFF: PCIe, unmapped

.Llevel1:
    .quad   .Llevel2_low + DESC_TABLE           // 0x0000_0000: the table above
    .quad   0x40000000 | NORMAL_BLOCK           // 0x4000_0000: RAM
    .quad   0                                   // 0x8000_0000: unmapped
    .quad   0                                   // 0xC000_0000: unmapped
