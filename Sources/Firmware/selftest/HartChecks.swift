import Synchronization

/// The parked secondary hart (QEMU -smp 2) wakes when released, runs the
/// entry it is given on its own stack, and parks again. Single-core boards
/// have no hart to release and say so.
enum HartChecks {
    static let ranOn = Atomic<Int>(-1)

    static func run(_ t: inout Checker) {
        guard Board.cores > 1 else {
            t.begin("secondary hart release: none on this single-core board")
            return
        }
        t.begin("secondary hart release")
        let before = Runtime.hartsDone.load(ordering: .acquiring)
        Runtime.release(hart: 1) { hart in
            // Release pairs with the acquiring load below.
            HartChecks.ranOn.store(hart, ordering: .releasing)
        }
        var spins = 0
        // Acquire pairs with the releasing add in ferrite_hart_entry.
        while Runtime.hartsDone.load(ordering: .acquiring) == before && spins < 50_000_000 { spins += 1 }
        t.expect(ranOn.load(ordering: .acquiring) == 1, "hart 1 ran the released entry with its own hart id")
    }
}
