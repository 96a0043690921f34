import Synchronization

/// A deliberate hang: the guest never exits. `make test` checks that
/// `qemu/run` kills it at its time limit and reports failure.
@main
struct Hang {
    static func main() {
        HeapReport.printBanner("hang")
        print("spinning forever; qemu/run must stop this at its timeout")
        // An atomic load each turn keeps the loop a loop (no side-effect-free
        // infinite loop for the optimiser to reason about).
        while Runtime.hartsDone.load(ordering: .relaxed) >= 0 {}
        print("not reached")
    }
}
