import Ferrite
import Testing

@Suite struct CellTests {
    /// Mutation through a shared (borrowed) reference.
    func bump(_ cell: borrowing Cell<Int>) { cell.set(cell.get() + 1) }

    @Test func getSetReplaceSwap() {
        let a = Cell(1), b = Cell(2)
        bump(a)
        #expect(a.get() == 2)
        #expect(a.replace(10) == 2 && a.get() == 10)
        a.swap(with: b)
        #expect(a.get() == 2 && b.get() == 10)
    }
}

@Suite struct RefCellTests {
    @Test func sharedBorrowsNest() {
        let cell = RefCell([1, 2, 3])
        let total = cell.withBorrow { outer in
            cell.withBorrow { inner in outer.count + inner.count }
        }
        #expect(total == 6 && cell.sharedBorrows == 0)
    }

    @Test func mutableBorrowThenShared() {
        let cell = RefCell([1])
        cell.withMutableBorrow { $0.append(2) }
        #expect(cell.withBorrow { $0 } == [1, 2])
        #expect(cell.replace(with: [9]) == [1, 2] && cell.withBorrow { $0 } == [9])
    }

    /// Every combination of an outstanding borrow and a new one, through the
    /// `try` variants: only shared-with-shared succeeds.
    @Test func everyConflictIsReported() throws {
        let cell = RefCell(0)
        // shared out, shared asked: fine
        let sharedShared = cell.withBorrow { _ in try? cell.tryWithBorrow { _ in 1 } }
        #expect(sharedShared == 1)
        // shared out, mutable asked
        cell.withBorrow { _ in
            #expect(throws: BorrowError.alreadyBorrowed) { try cell.tryWithMutableBorrow { _ in () } }
        }
        // mutable out, shared asked
        cell.withMutableBorrow { _ in
            #expect(throws: BorrowError.alreadyMutablyBorrowed) { try cell.tryWithBorrow { _ in () } }
        }
        // mutable out, mutable asked
        cell.withMutableBorrow { _ in
            #expect(throws: BorrowError.alreadyMutablyBorrowed) { try cell.tryWithMutableBorrow { _ in () } }
        }
        #expect(!cell.isMutablyBorrowed && cell.sharedBorrows == 0, "every borrow was released")
        try cell.tryWithMutableBorrow { $0 = 5 }
        #expect(cell.withBorrow { $0 } == 5)
    }

    @Test func destroysItsValueOnce() {
        let tracker = LifetimeTracker()
        do {
            let cell = RefCell(tracker.make(4))
            let old = cell.replace(with: tracker.make(5))
            #expect(old.payload == 4 && tracker.live == 2)
        }
        #expect(tracker.live == 0)
    }

    @Test func mutableBorrowDuringSharedTraps() async {
        await #expect(processExitsWith: .failure) {
            let cell = RefCell(0)
            cell.withBorrow { _ in cell.withMutableBorrow { $0 += 1 } }
        }
    }

    @Test func sharedBorrowDuringMutableTraps() async {
        await #expect(processExitsWith: .failure) {
            let cell = RefCell(0)
            cell.withMutableBorrow { _ in _ = cell.withBorrow { $0 } }
        }
    }

    @Test func twoMutableBorrowsTrap() async {
        await #expect(processExitsWith: .failure) {
            let cell = RefCell(0)
            cell.withMutableBorrow { _ in cell.withMutableBorrow { $0 += 1 } }
        }
    }
}
