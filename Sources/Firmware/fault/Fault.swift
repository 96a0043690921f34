import _Volatile

/// A deliberate fault: a load from address 0x8, where `virt` (like most
/// boards) has no memory. `make test` checks that the trap handler names it
/// ("load access fault at 0x8") and QEMU exits with the trap status.
@main
struct Fault {
    static func main() {
        HeapReport.printBanner("fault")
        print("reading address 0x8 (a near-null pointer), which must trap...")
        let value = VolatileMappedRegister<UInt32>(unsafeBitPattern: 0x8).load()
        print("not reached: read \(value)")
    }
}
