# virt-rv32: QEMU riscv32 virt (rv32imac, ilp32). Memory map, UART, exit, start
# code and build settings: Sources/Boards/virt-riscv (shared with virt-rv64).
XLEN      := 32
RISCV_ABI := ilp32
include Sources/Boards/virt-riscv/virt-riscv.mk
