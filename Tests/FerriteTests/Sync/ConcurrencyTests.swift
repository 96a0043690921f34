import Dispatch
import Ferrite
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A value at one address that several threads reach (the way firmware shares
/// a lock in a global).
final class Shared<Value: ~Copyable>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Value>
    init(_ value: consuming Value) {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: value)
    }
    deinit { pointer.deinitialize(count: 1); pointer.deallocate() }
}

@Suite struct ConcurrencyTests {
    static let threads = 4

    @Test func ticketLockCountsExactly() {
        let lock = Shared(TicketLock(0))
        runConcurrently(Self.threads) { _ in
            for _ in 0..<stressIterations(50_000) { lock.pointer.pointee.withLock { $0 += 1 } }
        }
        #expect(lock.pointer.pointee.withLock { $0 } == Self.threads * stressIterations(50_000))
        #expect(lock.pointer.pointee.queueLength == 0)
    }

    /// First come, first served: while the lock is held, waiters arrive one
    /// at a time (each is let go once the one before has taken its ticket,
    /// which `queueLength` shows); released, the lock serves them in that order.
    @Test func ticketLockServesWaitersInArrivalOrder() {
        final class Arrivals: Sendable { let next = Atomic<Int>(0) }
        let waiters = 6
        for round in 0..<stressIterations(20) {
            let lock = Shared(TicketLock([Int]())), arrivals = Arrivals()
            runConcurrently(waiters + 1) { role in
                if role == 0 {
                    lock.pointer.pointee.withLock { _ in
                        for waiter in 1...waiters {
                            // Release pairs with the waiter's acquiring load: its turn to arrive.
                            arrivals.next.store(waiter, ordering: .releasing)
                            // Our ticket and the waiters' so far.
                            while lock.pointer.pointee.queueLength < waiter + 1 { sched_yield() }
                        }
                    }
                } else {
                    while arrivals.next.load(ordering: .acquiring) < role { sched_yield() }
                    lock.pointer.pointee.withLock { $0.append(role) }
                }
            }
            let served = lock.pointer.pointee.withLock { $0 }
            #expect(served == Array(1...waiters), "round \(round): waiters arrived in the order 1...\(waiters), were served \(served)")
        }
    }

    @Test func rwLockReadersSeeWholeWrites() {
        // Writers keep both halves equal; a reader must never see them differ.
        let lock = Shared(RwSpinLock((0, 0)))
        let torn = Atomic<Int>(0)
        runConcurrently(Self.threads) { thread in
            for _ in 0..<stressIterations(20_000) {
                if thread == 0 {
                    lock.pointer.pointee.withWriteLock { $0.0 += 1; $0.1 += 1 }
                } else {
                    lock.pointer.pointee.withReadLock { pair in
                        if pair.0 != pair.1 { torn.add(1, ordering: .relaxed) }
                    }
                }
            }
        }
        #expect(torn.load(ordering: .relaxed) == 0)
        #expect(lock.pointer.pointee.withReadLock { $0.0 } == stressIterations(20_000))
    }

    @Test func onceCellInitialisesOnceUnderARace() {
        let cell = Shared(OnceCell<Int>())
        let runs = Atomic<Int>(0)
        let seen = Shared(SpinLock(Set<Int>()))
        runConcurrently(8) { thread in
            let value = cell.pointer.pointee.getOrInitialize { () -> Int in
                runs.add(1, ordering: .relaxed)
                return 1000 + thread
            }
            seen.pointer.pointee.withLock { _ = $0.insert(value) }
        }
        #expect(runs.load(ordering: .relaxed) == 1)
        #expect(seen.pointer.pointee.withLock { $0.count } == 1, "every thread read the one value")
        #expect(cell.pointer.pointee.get() != nil)
    }

    struct BootFailure: Error {}

    @Test func aFailedInitialiserLeavesTheCellRetryable() throws {
        let cell = OnceCell<String>()
        #expect(throws: BootFailure.self) { try cell.getOrInitialize { () throws(BootFailure) -> String in throw BootFailure() } }
        #expect(cell.get() == nil && !cell.isInitialized)
        #expect(cell.getOrInitialize { "second try" } == "second try")
        #expect(!cell.set("too late") && cell.get() == "second try")
    }

    @Test func lazyComputesOnFirstUse() {
        let calls = Atomic<Int>(0)
        let lazy = Lazy { () -> Int in calls.add(1, ordering: .relaxed); return 42 }
        #expect(calls.load(ordering: .relaxed) == 0)
        #expect(lazy.value == 42 && lazy.value == 42)
        #expect(calls.load(ordering: .relaxed) == 1)
    }

    @Test func reentrantOnceCellInitialiserTraps() async {
        await #expect(processExitsWith: .failure) {
            let cell = OnceCell<Int>()
            _ = cell.getOrInitialize { cell.getOrInitialize { 1 } }
        }
    }

    @Test func spinLockReentryByItsOwnerTraps() async {
        await #expect(processExitsWith: .failure) {
            var lock = SpinLock(0)
            let pointer = withUnsafeMutablePointer(to: &lock) { $0 }
            pointer.pointee.withLock { _ in pointer.pointee.withLock { $0 += 1 } }
        }
    }

    @Test func spinLockTryLockDoesNotWait() {
        let lock = Shared(SpinLock(1))
        let refused = lock.pointer.pointee.withLock { _ in lock.pointer.pointee.withLockIfAvailable { _ in 0 } == nil }
        #expect(refused, "the lock was held, so tryLock refused")
        #expect(lock.pointer.pointee.withLockIfAvailable { $0 } == 1)
    }

    @Test func spscMovesEveryValueInOrder() {
        let ring = Shared(SPSCRingBuffer<Int>(capacity: 64))
        let count = stressIterations(200_000)
        let received = Shared(SpinLock([Int]()))
        runConcurrently(2) { side in
            if side == 0 {
                for i in 0..<count { ring.pointer.pointee.send(i) }
            } else {
                var got: [Int] = []
                got.reserveCapacity(count)
                for _ in 0..<count { got.append(ring.pointer.pointee.receive()) }
                received.pointer.pointee.withLock { $0 = got }
            }
        }
        let got = received.pointer.pointee.withLock { $0 }
        #expect(got == Array(0..<count))
        #expect(ring.pointer.pointee.tryReceive() == nil)
    }

    @Test func spscBackpressureAndMoves() {
        let tracker = LifetimeTracker()
        do {
            let ring = SPSCRingBuffer<Tracked>(capacity: 2)
            let refusedFirst = payload(of: ring.trySend(tracker.make(1)))
            let refusedSecond = payload(of: ring.trySend(tracker.make(2)))
            #expect(refusedFirst == nil && refusedSecond == nil, "a ring of 2 refused \(String(describing: refusedFirst)), \(String(describing: refusedSecond))")
            let refused = payload(of: ring.trySend(tracker.make(3)))
            #expect(refused == 3, "full: the value comes back (and is dropped here), not lost or copied")
            let first = payload(of: ring.tryReceive())
            #expect(first == 1)
            #expect(tracker.live == 1, "only the value still in the ring is alive")
        }
        #expect(tracker.live == 0, "values left in the ring are destroyed with it")
    }

    @Test func mpscNoLossNoReorderingPerProducer() {
        let channel = Shared(MPSCChannel<(producer: Int, sequence: Int)>(capacity: 128))
        let producers = 3, perProducer = stressIterations(50_000)
        let outOfOrder = Atomic<Int>(0), total = Atomic<Int>(0)
        runConcurrently(producers + 1) { role in
            if role < producers {
                for i in 0..<perProducer { channel.pointer.pointee.send((role, i)) }
            } else {
                var next = [Int](repeating: 0, count: producers)
                for _ in 0..<(producers * perProducer) {
                    let message = channel.pointer.pointee.receive()
                    if message.sequence != next[message.producer] { outOfOrder.add(1, ordering: .relaxed) }
                    next[message.producer] = message.sequence + 1
                    total.add(1, ordering: .relaxed)
                }
            }
        }
        #expect(outOfOrder.load(ordering: .relaxed) == 0)
        #expect(total.load(ordering: .relaxed) == producers * perProducer)
        #expect(channel.pointer.pointee.tryReceive() == nil)
    }

    @Test func mpscFullHandsTheValueBack() {
        let channel = MPSCChannel<Int>(capacity: 2)
        #expect(channel.trySend(1) == nil && channel.trySend(2) == nil)
        #expect(channel.trySend(3) == 3)
        #expect(channel.tryReceive() == 1)
        #expect(channel.trySend(3) == nil)
        #expect(channel.tryReceive() == 2 && channel.tryReceive() == 3 && channel.tryReceive() == nil)
    }
}

/// The payload of a tracked value handed back (or nil), dropping the value.
func payload(of value: consuming Tracked?) -> Int? {
    switch consume value {
    case .some(let tracked): tracked.payload
    case .none: nil
    }
}
