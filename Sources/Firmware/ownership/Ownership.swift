import Ferrite
import Synchronization

/// The ownership demo: the Rust texts' programs (RustTexts.swift) on the
/// board, narrated with heap figures, then a counter shared by two harts
/// through `Arc` and a lock. Ends with status 0 only if every figure is the
/// expected one.
@main
struct OwnershipDemo {
    static func main() {
        HeapReport.printBanner("ownership")
        let say: Narrator = { print($0) }
        let probe: HeapProbe = {
            let s = HeapReport.statistics()
            return (s.bytesInUse, s.liveAllocations)
        }
        // The hart slot is made before the heap is measured, so that only the
        // examples' own allocations count.
        _ = sharedCounter
        let start = HeapReport.statistics()

        print("\n1. Box: the cons list (a recursive type needs an owning pointer)")
        let (_, listSum, listBoxes) = consListExample(say, probe)   // the rendering is printed, not kept
        check(listSum == 6 && listBoxes == 3, "cons list")

        print("\n2. Box: a large array placed on the heap, not the stack")
        // 16 KiB, or a quarter of a small board's heap.
        let big = largeArrayExample(say, probe, byteBudget: runtimeHeapRegion.count / 4)
        check(big.bytesTaken >= big.arrayBytes && big.bytesAfter == 0, "large array")

        print("\n3. Rc: one configuration, two components")
        let config = sharedConfigExample(say)
        check(config.owners == 3 && config.ownersAfter == 1, "shared config")

        print("\n4. Rc + RefCell + Weak: a tree whose children are owned and parents are not")
        let tree = treeExample(say)
        check(tree.parentOfLeaf == 1 && tree.parentAfterRootDrop == nil, "tree")

        print("\n5. Rc cycles: a leak, then the same structure with a Weak link")
        let leak = cycleExample(say, probe, weakBack: false)
        let noLeak = cycleExample(say, probe, weakBack: true)
        check(leak.leakedBlocks > 0 && noLeak.leakedBytes == 0 && noLeak.leakedBlocks == 0, "cycle")

        print("\n6. RefCell: a mock messenger records through a shared reference")
        check(messengerExample(say).count == 3, "messenger")

        print(Board.cores > 1 ? "\n7. Arc + SpinLock: a counter shared by hart 0 and hart 1"
                              : "\n7. Arc + SpinLock: a counter shared by two owners (one core: the second owner's work runs after the first's)")
        let total = harts(say)
        check(total == 2 * incrementsPerHart, "arc counter")

        let end = HeapReport.statistics()
        print("\nheap: \(end.bytesInUse - start.bytesInUse) bytes in \(end.liveAllocations - start.liveAllocations) blocks still live: the cycle of step 5, leaked on purpose")
        check(end.bytesInUse - start.bytesInUse == leak.leakedBytes, "only the cycle leaked")
        print(failures == 0 ? "ownership demo: every figure as expected" : "ownership demo: \(failures) unexpected figures")
        // Success returns (main's 0 is the exit status) instead of calling
        // Runtime.exit(0): LLVM's Thumb-1 back end (armv6m, the microbit)
        // fails with "underestimated function size" on a function this large
        // that never returns, as it then skips saving lr.
        if failures != 0 { Runtime.exit(Runtime.failureStatus) }
    }

    nonisolated(unsafe) static var failures = 0

    static func check(_ ok: Bool, _ what: StaticString) {
        if !ok { failures += 1; print("   UNEXPECTED: \(what)") }
    }

    static let incrementsPerHart = 10_000

    /// Hart 1 and hart 0 each clone the Arc and add to the counter under the
    /// lock (on a single-core board, hart 0 runs hart 1's part itself, first).
    static func harts(_ say: Narrator) -> Int {
        sharedCounter.initialize(to: Arc(SpinLock(0)))
        let done = Runtime.hartsDone.load(ordering: .acquiring)
        let secondOwner: @convention(c) (Int) -> Void = { _ in
            let mine = OwnershipDemo.sharedCounter.pointee.clone()
            for _ in 0..<OwnershipDemo.incrementsPerHart { mine.value.withLock { $0 += 1 } }
        }
        if Board.cores > 1 {
            Runtime.release(hart: 1, run: secondOwner)
        } else {
            secondOwner(0)
            // Release pairs with the acquiring loads below, as a hart's would.
            Runtime.hartsDone.add(1, ordering: .releasing)
        }
        let mine = sharedCounter.pointee.clone()
        for _ in 0..<incrementsPerHart { mine.value.withLock { $0 += 1 } }
        // Acquire pairs with the releasing add in ferrite_hart_entry.
        var spins = 0
        while Runtime.hartsDone.load(ordering: .acquiring) == done && spins < 100_000_000 { spins += 1 }
        let total = mine.value.withLock { $0 }
        say("   total \(total) (2 owners x \(incrementsPerHart)); owners now \(mine.strongCount): the shared one and hart 0's (the second owner's is gone)")
        _ = consume mine
        sharedCounter.deinitialize(count: 1)
        return total
    }

    /// Where hart 1 finds the Arc (a C-convention entry cannot capture it).
    nonisolated(unsafe) static let sharedCounter = UnsafeMutablePointer<Arc<SpinLock<Int>>>.allocate(capacity: 1)
}
