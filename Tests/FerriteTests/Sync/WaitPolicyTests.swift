import Ferrite
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Yields counted by the hook the policy test installs (in its own process).
enum YieldCount {
    static let count = Atomic<Int>(0)
}

/// A flag threads share.
final class Flag: Sendable {
    let raised = Atomic<Bool>(false)
    // Release/acquire: whatever the raiser did before is visible to the waiter.
    func raise() { raised.store(true, ordering: .releasing) }
    func wait() { while !raised.load(ordering: .acquiring) { sched_yield() } }
}

/// The yields a waiter makes while another thread keeps it waiting 50 ms:
/// `hold(whileHeld)` takes the thing and runs `whileHeld` inside; `wait`
/// then waits for it.
func yieldsWhileWaiting(hold: @escaping @Sendable (_ whileHeld: () -> Void) -> Void,
                        wait: @escaping @Sendable () -> Void) -> Int {
    let held = Flag()
    // Relaxed: the count is read after the threads are joined.
    YieldCount.count.store(0, ordering: .relaxed)
    runConcurrently(2) { role in
        if role == 0 {
            hold { held.raise(); usleep(50_000) }
        } else {
            held.wait()
            wait()
        }
    }
    return YieldCount.count.load(ordering: .relaxed)
}

@Suite struct WaitPolicyTests {
    /// Every kind of waiter gives the processor away while it waits long
    /// (`SpinWait`): on the old code `RwSpinLock` and `OnceCell` waiters never
    /// did. In a process of its own, as it installs a counting
    /// `ExecutionContext.yieldProcessor`.
    @Test func everyWaiterYieldsWhileItWaitsLong() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            ExecutionContext.yieldProcessor = {
                // Relaxed: a count, read after the threads are joined.
                YieldCount.count.add(1, ordering: .relaxed)
                sched_yield()
            }
            let spin = Shared(SpinLock(0)), ticket = Shared(TicketLock(0)), rw = Shared(RwSpinLock(0))
            let once = Shared(OnceCell<Int>()), ring = Shared(SPSCRingBuffer<Int>(capacity: 2))
            let yields: [(String, Int)] = [
                ("SpinLock", yieldsWhileWaiting(hold: { body in spin.pointer.pointee.withLock { _ in body() } },
                                                wait: { spin.pointer.pointee.withLock { $0 += 1 } })),
                ("TicketLock", yieldsWhileWaiting(hold: { body in ticket.pointer.pointee.withLock { _ in body() } },
                                                  wait: { ticket.pointer.pointee.withLock { $0 += 1 } })),
                ("RwSpinLock reader", yieldsWhileWaiting(hold: { body in rw.pointer.pointee.withWriteLock { _ in body() } },
                                                         wait: { _ = rw.pointer.pointee.withReadLock { $0 } })),
                ("RwSpinLock writer", yieldsWhileWaiting(hold: { body in rw.pointer.pointee.withReadLock { _ in body() } },
                                                         wait: { rw.pointer.pointee.withWriteLock { $0 += 1 } })),
                ("OnceCell", yieldsWhileWaiting(hold: { body in _ = once.pointer.pointee.getOrInitialize { body(); return 1 } },
                                                wait: { _ = once.pointer.pointee.getOrInitialize { 2 } })),
                ("SPSCRingBuffer receive", yieldsWhileWaiting(hold: { body in body(); ring.pointer.pointee.send(1) },
                                                              wait: { _ = ring.pointer.pointee.receive() })),
            ]
            for (waiter, count) in yields { print("\(waiter): \(count) yields") }
        }
        let output = String(decoding: result?.standardOutputContent ?? [], as: UTF8.self)
        let silent = output.split(separator: "\n").filter { $0.hasSuffix(": 0 yields") }
        #expect(!output.isEmpty && silent.isEmpty, "waited 50 ms without yielding once: \(silent); all: \(output)")
    }
}
