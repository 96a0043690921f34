extension Board {
    static let name: StaticString = "virt-rv64"
    static let machine: StaticString = "QEMU riscv64 virt (rv64imac, lp64)"
}
