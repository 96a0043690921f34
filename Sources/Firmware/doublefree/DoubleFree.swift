import FerriteLibC

/// A deliberate double free through the C ABI. `make test` checks that the
/// runtime heap reports it ("double free of 0x...") and stops with status 4
/// instead of absorbing it.
@main
struct DoubleFree {
    static func main() {
        HeapReport.printBanner("doublefree")
        let block = malloc(48)
        // Publish the pointer so the optimiser cannot treat malloc/free as a
        // removable pair (LLVM knows what they mean).
        escaped = block
        print("freeing one block twice...")
        free(block)
        free(block)
        print("not reached: the second free was absorbed")
    }
}

nonisolated(unsafe) var escaped: UnsafeMutableRawPointer?
