# virt-aarch64: QEMU aarch64 virt, Cortex-A53, EL1 (no EL2/EL3, so QEMU itself
# answers PSCI calls made with hvc), GICv2, semihosting for the exit status.
# Memory map, console, exit, core start-up and page tables: this folder and
# linker/virt-aarch64.ld; exceptions and system registers: Sources/Arch/AArch64.
TRIPLE       := aarch64-none-none-elf
CLANG_TARGET := aarch64-none-elf
ARCH_CFLAGS  := -mcpu=cortex-a53
ARCH_DIRS    := Sources/Arch/AArch64
QEMU_DEB     := qemu-system-arm
# gic-version=2 is the default for up to 8 cores; named because the wake-up
# and pause code programs a GICv2.
QEMU         := qemu-system-aarch64 -M virt,gic-version=2 -cpu cortex-a53 -m 128M -smp 2 \
                $(QEMU_HEADLESS) -semihosting
QEMU_SMP4    := -smp 4
# Where QEMU's loader puts the runtime configuration blob (linker/virt-aarch64.ld).
CONFIG_BLOB_ADDR := 0x47FF0000
FAULT_TEXT   := data abort (translation fault, level 2, read) at 0x8, pc 0x
BOARD_IMAGES := bench
