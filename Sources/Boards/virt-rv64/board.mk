# virt-rv64: QEMU riscv64 virt, machine mode, no firmware (-bios none).
# Memory map, UART, exit and start code: Sources/Boards/virt-riscv (shared with virt-rv32).
BOARD_DIRS   += Sources/Boards/virt-riscv
TRIPLE       := riscv64-none-none-eabi
CLANG_TARGET := riscv64-unknown-elf
ARCH_CFLAGS  := -march=rv64imac -mabi=lp64 -mcmodel=medany
ARCH_DIRS    := Sources/Arch/RISCV
LIBGCC_CMD   := riscv64-unknown-elf-gcc -march=rv64imac -mabi=lp64 -print-libgcc-file-name
LIBGCC_DEB   := gcc-riscv64-unknown-elf
QEMU_DEB     := qemu-system-misc
QEMU         := qemu-system-riscv64 -M virt -bios none -m 128M -smp 2 -nographic -monitor none
QEMU_SMP4    := -smp 4
# Where QEMU's loader puts the runtime configuration blob (linker/virt-riscv.ld).
CONFIG_BLOB_ADDR := 0x87DF0000
FAULT_TEXT   := load access fault at 0x8, pc 0x
BOARD_IMAGES := bench
