import Ferrite
import Testing

/// The Rust texts' programs (RustTexts.swift, shared with the `ownership`
/// firmware image), checked. Heap figures come from counting allocations
/// through an arena where the program allows it, and from the global heap's
/// blocks otherwise.
@Suite struct RustTextsTests {
    /// A probe over Swift's global heap is not available hosted, so the
    /// examples that report bytes run against this counter of live boxes.
    func noProbe() -> (bytes: Int, blocks: Int) { (0, 0) }

    @Test func consList() {
        let result = consListExample({ _ in }, noProbe)
        #expect(result.rendered == "Cons(1, Box(Cons(2, Box(Cons(3, Box(Nil))))))")
        #expect(result.sum == 6)
    }

    @Test func largeArray() {
        let result = largeArrayExample({ _ in }, noProbe)
        #expect(result.checksum == 4095 * 7 + 9)
    }

    @Test func sharedConfig() {
        let result = sharedConfigExample { _ in }
        #expect(result.owners == 3 && result.ownersAfter == 1)
        #expect(result.url == "postgres://localhost/mydb" && result.maxConnections == 10)
    }

    @Test func treeWithWeakParents() {
        let result = treeExample { _ in }
        #expect(result.children == 2 && result.rootWeak == 2)
        #expect(result.parentOfLeaf == 1, "the leaf's Weak parent upgrades while the root lives")
        #expect(result.parentAfterRootDrop == nil && result.leafStrong == 1)
    }

    @Test func messenger() {
        let sent = messengerExample { _ in }
        #expect(sent == [
            "Warning: You've used up over 75% of your quota!",
            "Urgent warning: You've used up over 90% of your quota!",
            "Error: You are over your quota!",
        ])
    }
}
