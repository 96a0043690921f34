extension Board {
    static let name: StaticString = "virt-rv32"
    static let machine: StaticString = "QEMU riscv32 virt (rv32imac, ilp32)"
}
