import Dispatch
import Ferrite
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ArcTests {
    @Test func countsAndDrop() {
        let tracker = LifetimeTracker()
        do {
            let a = Arc(tracker.make(1))
            let b = a.clone()
            let w = b.downgrade()
            #expect(a.strongCount == 2 && a.weakCount == 1 && w.strongCount == 2)
            let payload = w.upgrade()?.value.payload
            #expect(payload == 1)
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
        #expect(tracker.live == 0, "the value outlived its last owner")
        let revived = weak.upgrade()?.value.payload
        #expect(revived == nil, "an upgrade after the last owner got an owner of \(String(describing: revived))")
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

    /// `upgrade` racing the last release: one thread drops the last owner
    /// while the other upgrades until it gets nil. Each upgrade gets a live
    /// owner or nil, and the value is destroyed exactly once. The sides take
    /// turns going first (the other starts once it sees the first under way,
    /// so the two always overlap), and over the rounds both outcomes must
    /// occur: the release finding an upgraded owner alive (the window was hit:
    /// the value outlived the "last" release and died with the upgrader's
    /// owner), and the release coming before any upgrade.
    @Test func upgradeRacingTheLastRelease() {
        final class Round: Sendable {
            let releasing = Atomic<Bool>(false)
            let upgraded = Atomic<Int>(0)
            let outlivedTheRelease = Atomic<Bool>(false)
            let upgraderGaveUp = Atomic<Bool>(false)
        }
        var raced = 0, releasedFirst = 0, neither = 0
        let rounds = 400   // not reduced by FERRITE_QUICK: both outcomes must occur
        for round in 0..<rounds {
            let tracker = LifetimeTracker(), state = Round()
            nonisolated(unsafe) let owner = UnsafeMutablePointer<Arc<Tracked>>.allocate(capacity: 1)
            owner.initialize(to: Arc(tracker.make(round)))
            nonisolated(unsafe) let weak = owner.pointee.downgrade()
            let upgraderFirst = round % 2 == 0
            runConcurrently(2) { side in
                // Every ordering here is relaxed: the flags only pace the two
                // sides; the Arc's own atomics order the value.
                if side == 0 {
                    if upgraderFirst {
                        while state.upgraded.load(ordering: .relaxed) == 0 && !state.upgraderGaveUp.load(ordering: .relaxed) {
                            sched_yield()
                        }
                    }
                    state.releasing.store(true, ordering: .relaxed)
                    owner.deinitialize(count: 1)                 // the last release
                    if tracker.live > 0 { state.outlivedTheRelease.store(true, ordering: .relaxed) }
                } else {
                    if !upgraderFirst { while !state.releasing.load(ordering: .relaxed) { sched_yield() } }
                    var tries = 0
                    while let strong = weak.upgrade() {
                        if strong.value.payload != round { Issue.record("revived or wrong value") }
                        state.upgraded.add(1, ordering: .relaxed)
                        tries += 1
                        if tries % 1024 == 0 { sched_yield() }   // let the releasing side run
                    }
                    state.upgraderGaveUp.store(true, ordering: .relaxed)
                }
            }
            let destroyed = tracker.destroyedCount
            #expect(tracker.live == 0 && destroyed == 1, "round \(round): \(tracker.live) alive, destroyed \(destroyed) times")
            let revived = weak.upgrade()?.value.payload
            #expect(revived == nil, "round \(round): an upgrade after the last release got an owner of \(String(describing: revived))")
            if state.outlivedTheRelease.load(ordering: .relaxed) {
                raced += 1
            } else if state.upgraded.load(ordering: .relaxed) == 0 {
                releasedFirst += 1
            } else {
                neither += 1
            }
            owner.deallocate()
        }
        #expect(raced > 0 && releasedFirst > 0,
                "of \(rounds) rounds, the release found an upgraded owner alive in \(raced), came before any upgrade in \(releasedFirst) (both must occur), neither in \(neither)")
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
