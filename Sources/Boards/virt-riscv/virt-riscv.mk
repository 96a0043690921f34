# QEMU virt for RISC-V, machine mode, no firmware (-bios none): the build
# settings virt-rv64 and virt-rv32 share. A board's board.mk sets XLEN (64 or
# 32) and RISCV_ABI (lp64 or ilp32), then includes this file.
BOARD_DIRS   += Sources/Boards/virt-riscv
TRIPLE       := riscv$(XLEN)-none-none-eabi
CLANG_TARGET := riscv$(XLEN)-unknown-elf
ARCH_CFLAGS  := -march=rv$(XLEN)imac -mabi=$(RISCV_ABI) -mcmodel=medany
ARCH_DIRS    := Sources/Arch/RISCV
# Debian's riscv64 cross compiler carries the rv32imac/ilp32 multilib too.
LIBGCC_CMD   := riscv64-unknown-elf-gcc -march=rv$(XLEN)imac -mabi=$(RISCV_ABI) -print-libgcc-file-name
LIBGCC_DEB   := gcc-riscv64-unknown-elf
QEMU_DEB     := qemu-system-misc
QEMU         := qemu-system-riscv$(XLEN) -M virt -bios none -m 128M -smp 2 $(QEMU_HEADLESS)
QEMU_SMP4    := -smp 4
# Where QEMU's loader puts the runtime configuration blob (linker/virt-riscv.ld).
CONFIG_BLOB_ADDR := 0x87DF0000
FAULT_TEXT   := load access fault at 0x8, pc 0x
BOARD_IMAGES := bench
