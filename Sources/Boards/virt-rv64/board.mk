# virt-rv64: QEMU riscv64 virt (rv64imac, lp64). Memory map, UART, exit, start
# code and build settings: Sources/Boards/virt-riscv (shared with virt-rv32).
XLEN      := 64
RISCV_ABI := lp64
include Sources/Boards/virt-riscv/virt-riscv.mk
