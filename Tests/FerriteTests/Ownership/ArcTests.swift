import Dispatch
import Ferrite
import Synchronization
import Testing

@Suite struct ArcTests {
    @Test func countsAndDrop() {
        let tracker = LifetimeTracker()
        do {
            let a = Arc(tracker.make(1))
            let b = a.clone()
            let w = b.downgrade()
            #expect(a.strongCount == 2 && a.weakCount == 1 && w.strongCount == 2)
            do { let ok = w.upgrade()?.value.payload == 1; #expect(ok) }
        }
        #expect(tracker.live == 0)
    }

    @Test func weakUpgradeFailsAfterTheLastOwner() {
        let tracker = LifetimeTracker()
        func weakOnly() -> Arc<Tracked>.Weak {
            let owner = Arc(tracker.make(2))
            return owner.downgrade()           // the owner ends here
        }
        let weak = weakOnly()
        do { let ok = tracker.live == 0 && weak.upgrade() == nil; #expect(ok) }
    }

    /// Threads clone and drop one Arc concurrently; the value dies exactly once,
    /// after the last owner, and never while someone still holds it.
    @Test func clonesAcrossThreads() {
        let tracker = LifetimeTracker()
        nonisolated(unsafe) let shared = UnsafeMutablePointer<Arc<Tracked>>.allocate(capacity: 1)
        shared.initialize(to: Arc(tracker.make(3)))
        defer { shared.deallocate() }
        runConcurrently(4) { _ in
            for _ in 0..<stressIterations(20_000) {
                // SAFETY (test): `shared` outlives the loop; the Arc is only borrowed.
                let mine = shared.pointee.clone()
                if mine.value.payload != 3 { Issue.record("value changed under an owner") }
            }
        }
        let count = shared.pointee.strongCount
        #expect(count == 1 && tracker.live == 1)
        shared.deinitialize(count: 1)
        #expect(tracker.live == 0 && tracker.destroyedCount == 1)
    }

    /// `upgrade` racing the last release: each upgrade either gets a live
    /// owner or nil, and the value is destroyed exactly once.
    @Test func upgradeRacingTheLastRelease() {
        for round in 0..<stressIterations(200) {
            let tracker = LifetimeTracker()
            nonisolated(unsafe) let owner = UnsafeMutablePointer<Arc<Tracked>>.allocate(capacity: 1)
            owner.initialize(to: Arc(tracker.make(round)))
            nonisolated(unsafe) let weak = owner.pointee.downgrade()
            let upgraded = Atomic<Int>(0)
            runConcurrently(2) { side in
                if side == 0 {
                    owner.deinitialize(count: 1)                 // the last release
                } else {
                    for _ in 0..<100 {
                        if let strong = weak.upgrade() {
                            if strong.value.payload != round { Issue.record("revived or wrong value") }
                            upgraded.add(1, ordering: .relaxed)
                        }
                    }
                }
            }
            #expect(tracker.live == 0 && tracker.destroyedCount == 1)
            do { let ok = weak.upgrade() == nil; #expect(ok) }
            owner.deallocate()
        }
    }

    @Test func counterSharedByThreadsThroughArcAndALock() {
        let counter = Arc(SpinLock(0))
        nonisolated(unsafe) let shared = counter.clone()
        runConcurrently(4) { _ in
            let mine = shared.clone()
            for _ in 0..<stressIterations(25_000) { mine.value.withLock { $0 += 1 } }
        }
        #expect(counter.value.withLock { $0 } == 4 * stressIterations(25_000))
        #expect(counter.strongCount == 2)
    }
}
