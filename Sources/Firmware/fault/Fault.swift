import _Volatile

/// A deliberate fault: a load from `Board.faultAddress`, an address with
/// nothing behind it on this board (0x8, a near-null pointer, on `virt`).
/// `make test` checks that the trap handler names the fault and QEMU exits
/// with the trap status.
@main
struct Fault {
    static func main() {
        HeapReport.printBanner("fault")
        Console.write("reading address ")
        Console.writeHex(Board.faultAddress)
        Console.write(", where this board has no memory, which must trap...\n")
        let value = VolatileMappedRegister<UInt32>(unsafeBitPattern: Board.faultAddress).load()
        print("not reached: read \(value)")
    }
}
