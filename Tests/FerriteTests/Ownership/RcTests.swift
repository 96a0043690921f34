import Ferrite
import Testing

@Suite struct RcTests {
    @Test func countsUnderClones() {
        let a = Rc(10)
        #expect(a.strongCount == 1 && a.weakCount == 0)
        var clones: [Int] = []
        do {
            let b = a.clone()
            let c = b.clone()
            #expect(a.strongCount == 3 && c.value == 10 && a.sharesAllocation(with: c))
            clones.append(b.strongCount)
        }
        #expect(a.strongCount == 1 && clones == [3])
    }

    @Test func manyClonesAndWeaks() throws {
        let tracker = LifetimeTracker(), arena = Arena()
        do {
            let root = try Rc(tracker.make(1), in: arena.reference)
            var weaks: [Int] = []
            for _ in 1...1000 {
                let clone = root.clone()
                let weak = clone.downgrade()
                weaks.append(weak.weakCount)
                #expect(root.strongCount == 2)
            }
            #expect(root.strongCount == 1 && root.weakCount == 0 && weaks.last == 1)
        }
        #expect(tracker.live == 0 && arena.liveBlocks == 0)
    }

    @Test func weakAfterTheLastOwner() throws {
        let tracker = LifetimeTracker(), arena = Arena()
        func weakOnly() throws -> Weak<Tracked> {
            let owner = try Rc(tracker.make(9), in: arena.reference)
            let weak = owner.downgrade()
            do {
                let again = weak.upgrade()
                let count = owner.strongCount
                let payload = again?.value.payload
                #expect(payload == 9 && count == 2)
            }
            return weak                        // the owner ends here
        }
        let weak = try weakOnly()
        #expect(tracker.live == 0, "the value dies with its last owner")
        let revived = weak.upgrade()?.value.payload
        #expect(revived == nil, "an upgrade after the last owner got an owner of \(String(describing: revived))")
        #expect(weak.strongCount == 0)
        #expect(arena.liveBlocks == 1, "the allocation stays while a Weak does")
        _ = consume weak
        #expect(arena.liveBlocks == 0 && arena.isValid)
    }

    @Test func weakClonesKeepTheAllocation() throws {
        let arena = Arena()
        var last: Weak<Int>? = nil
        do {
            let owner = try Rc(5, in: arena.reference)
            let w1 = owner.downgrade()
            let w2 = w1.clone()
            #expect(owner.weakCount == 2 && w2.weakCount == 2)
            last = w2.clone()
        }
        #expect(arena.liveBlocks == 1)
        last = nil
        #expect(arena.liveBlocks == 0)
    }
}
