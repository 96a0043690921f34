# mps2-an386: QEMU's Arm MPS2 with the AN386 image, a Cortex-M4 (ARMv7E-M).
# Code in SSRAM1 at 0 (the vector table's place), RAM in SSRAM2/3 at
# 0x20000000 (linker/mps2-an386.ld); console on CMSDK UART0; exit through
# semihosting. Start code, vector table, fault report: Sources/Arch/CortexM.
TRIPLE       := armv7em-none-none-eabi
CLANG_TARGET := thumbv7em-none-eabi
ARCH_CFLAGS  := -mcpu=cortex-m4 -mthumb -mfloat-abi=soft
ARCH_DIRS    := Sources/Arch/CortexM
LIBGCC_CMD   := arm-none-eabi-gcc -mthumb -march=armv7e-m -mfloat-abi=soft -print-libgcc-file-name
LIBGCC_DEB   := gcc-arm-none-eabi
QEMU_DEB     := qemu-system-arm
# The board's own LAN9118 must be connected to something or QEMU warns (and
# qemu/run fails the run): a user-mode network restricted to the guest, which
# Ferrite never uses and which needs no ROM.
QEMU         := qemu-system-arm -M mps2-an386 $(QEMU_HEADLESS) -nic user,restrict=on -semihosting
# Where QEMU's loader puts the runtime configuration blob (linker/mps2-an386.ld).
CONFIG_BLOB_ADDR := 0x203F0000
FAULT_TEXT   := BusFault: precise data bus error at 0x60000000
