import Ferrite
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct RwSpinLockTests {
    /// While a writer waits, a new reader is turned away until the writer has
    /// been in: a reader arriving behind the writer sees its write.
    @Test func aWaitingWriterGoesBeforeANewReader() {
        let lock = Shared(RwSpinLock(0))
        let lateReaderStarted = Atomic<Bool>(false)
        let lateReaderSaw = Atomic<Int>(-1)
        let writerDone = Atomic<Bool>(false)
        lock.pointer.pointee.withReadLock { _ in
            startThread {
                lock.pointer.pointee.withWriteLock { $0 = 1 }
                // Release pairs with the acquiring load in the wait below.
                writerDone.store(true, ordering: .releasing)
            }
            while !lock.pointer.pointee.isWriterWaiting { sched_yield() }
            startThread {
                // Relaxed: a flag for the wait below, nothing is published with it.
                lateReaderStarted.store(true, ordering: .relaxed)
                let seen = lock.pointer.pointee.withReadLock { $0 }
                lateReaderSaw.store(seen, ordering: .releasing)
            }
            while !lateReaderStarted.load(ordering: .relaxed) { sched_yield() }
            usleep(20_000)     // the late reader is at the lock now
            // Acquire pairs with the late reader's releasing store.
            let early = lateReaderSaw.load(ordering: .acquiring)
            #expect(early == -1, "a reader got in while a writer waited (it saw \(early))")
        }
        // Acquire pairs with the releasing stores of the two threads.
        while !writerDone.load(ordering: .acquiring) || lateReaderSaw.load(ordering: .acquiring) == -1 { sched_yield() }
        let seen = lateReaderSaw.load(ordering: .acquiring)
        #expect(seen == 1, "the reader that arrived behind the waiting writer read \(seen), not the writer's 1")
    }

    #if DEBUG
    /// The outer read holds the waiting writer off; the inner read waits for
    /// the writer: a deadlock, which debug builds turn into a trap.
    @Test func aNestedReadWhileAWriterWaitsTraps() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardOutputContent]) {
            let lock = Shared(RwSpinLock(0))
            lock.pointer.pointee.withReadLock { _ in
                startThread { lock.pointer.pointee.withWriteLock { $0 += 1 } }
                while !lock.pointer.pointee.isWriterWaiting { sched_yield() }
                exitCleanlyAfter(seconds: 10)
                lock.pointer.pointee.withReadLock { _ in }        // the nested read
            }
        }
        let output = String(decoding: result?.standardOutputContent ?? [], as: UTF8.self)
        #expect(output.contains("RwSpinLock: nested read lock while a writer waits"), "printed: \(output)")
    }

    /// A nested read with no writer around is fine (readers share).
    @Test func aNestedReadWithNoWriterSucceeds() {
        let lock = RwSpinLock(5)
        let sum = lock.withReadLock { outer in lock.withReadLock { inner in outer + inner } }
        #expect(sum == 10)
    }

    @Test func aWriteInsideTheCallersReadTraps() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardOutputContent]) {
            let lock = Shared(RwSpinLock(0))
            exitCleanlyAfter(seconds: 10)
            lock.pointer.pointee.withReadLock { _ in lock.pointer.pointee.withWriteLock { $0 += 1 } }
        }
        let output = String(decoding: result?.standardOutputContent ?? [], as: UTF8.self)
        #expect(output.contains("RwSpinLock: write lock asked for inside the caller's own read lock"), "printed: \(output)")
    }

    @Test func aReadInsideTheCallersWriteTraps() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardOutputContent]) {
            let lock = Shared(RwSpinLock(0))
            exitCleanlyAfter(seconds: 10)
            lock.pointer.pointee.withWriteLock { _ in _ = lock.pointer.pointee.withReadLock { $0 } }
        }
        let output = String(decoding: result?.standardOutputContent ?? [], as: UTF8.self)
        #expect(output.contains("RwSpinLock: read lock asked for inside the caller's own write lock"), "printed: \(output)")
    }
    #endif
}
