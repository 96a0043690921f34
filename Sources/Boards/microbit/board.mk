# microbit: QEMU's BBC micro:bit, an nRF51822 with a Cortex-M0 (ARMv6-M).
# Code runs from the 256 KiB flash at 0, data in the 16 KiB of RAM at
# 0x20000000 (linker/microbit.ld); console on the nRF51 UART; exit through
# semihosting. Start code, vector table, fault report: Sources/Arch/CortexM;
# the atomics ARMv6-M lacks (no LDREX/STREX): Sources/Arch/ARMv6M.
TRIPLE       := armv6m-none-none-eabi
CLANG_TARGET := thumbv6m-none-eabi
ARCH_CFLAGS  := -mcpu=cortex-m0 -mthumb
ARCH_DIRS    := Sources/Arch/CortexM Sources/Arch/ARMv6M
LIBGCC_CMD   := arm-none-eabi-gcc -mthumb -march=armv6s-m -mfloat-abi=soft -print-libgcc-file-name
LIBGCC_DEB   := gcc-arm-none-eabi
QEMU_DEB     := qemu-system-arm
QEMU         := qemu-system-arm -M microbit $(QEMU_HEADLESS) -semihosting
# Where QEMU's loader puts the runtime configuration blob: the last 4 KiB of
# flash (linker/microbit.ld).
CONFIG_BLOB_ADDR := 0x0003F000
FAULT_TEXT   := HardFault at pc 0x
# DEBUG=1 keeps -Osize here: the demo at -Onone is ~280 KB of code, more than
# the 252 KiB of flash left for it.
DEBUG_OPTIMIZE := -Osize
