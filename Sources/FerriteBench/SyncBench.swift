#if canImport(Glibc)
import Glibc
#endif
import Ferrite
import Synchronization

/// The sync primitives' costs: uncontended lock + unlock against pthread and
/// `Synchronization.Mutex`, two-thread contended throughput, the `OnceCell`
/// read after initialisation, and channel messages per second.
enum SyncBench {
    final class Box<T: ~Copyable>: @unchecked Sendable {
        let value: T
        init(_ value: consuming T) { self.value = value }
    }

    @inline(never) static func spin(_ lock: borrowing SpinLock<Int>) { lock.withLock { $0 &+= 1 } }
    @inline(never) static func ticket(_ lock: borrowing TicketLock<Int>) { lock.withLock { $0 &+= 1 } }
    @inline(never) static func mutex(_ lock: borrowing Mutex<Int>) { lock.withLock { $0 &+= 1 } }
    @inline(never) static func pthread(_ lock: UnsafeMutablePointer<pthread_mutex_t>, _ counter: UnsafeMutablePointer<Int>) {
        pthread_mutex_lock(lock); counter.pointee &+= 1; pthread_mutex_unlock(lock)
    }
    @inline(never) static func read(_ cell: borrowing OnceCell<Int>) -> Int { cell.get() ?? 0 }

    static func time(_ iterations: Int, _ body: () -> Void) -> Double {
        let start = now()
        for _ in 0..<iterations { body() }
        return Double(now() - start) / Double(iterations)
    }

    /// Runs `body(role)` for roles 0 and 1 on two pthreads at once; returns
    /// the seconds until both finished.
    static func onTwoThreads(_ body: @escaping (Int) -> Void) -> Double {
        final class Job: @unchecked Sendable {
            let run: () -> Void
            init(_ run: @escaping () -> Void) { self.run = run }
        }
        let start = now()
        var threads: [pthread_t] = []
        for role in 0..<2 {
            let job = Unmanaged.passRetained(Job { body(role) }).toOpaque()
            var thread = pthread_t()
            pthread_create(&thread, nil, { Unmanaged<Job>.fromOpaque($0!).takeRetainedValue().run(); return nil }, job)
            threads.append(thread)
        }
        for thread in threads { pthread_join(thread, nil) }
        return Double(now() - start) / 1e9
    }

    /// Two threads each doing `iterations` lock+unlock; million operations per second.
    static func contended(_ iterations: Int, _ body: @escaping () -> Void) -> Double {
        Double(2 * iterations) / onTwoThreads { _ in for _ in 0..<iterations { body() } } / 1e6
    }

    static func run(runs: Int) -> [(String, String)] {
        let n = 10_000_000
        func median(_ body: () -> Double) -> Double {
            var figures = (0..<runs).map { _ in body() }
            figures.sort()
            return figures[figures.count / 2]
        }
        func ns(_ value: Double) -> String { "\((value * 100).rounded() / 100) ns" }
        func mops(_ value: Double) -> String { "\((value * 10).rounded() / 10) M ops/s" }

        let spinLock = Box(SpinLock(0)), ticketLock = Box(TicketLock(0)), mutexLock = Box(Mutex(0))
        let pthreadLock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(pthreadLock, nil)
        let counter = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        counter.initialize(to: 0)
        nonisolated(unsafe) let sharedPthread = pthreadLock, sharedCounter = counter
        let cell = OnceCell<Int>()
        _ = cell.getOrInitialize { 7 }

        var rows: [(String, String)] = [
            ("SpinLock lock+unlock, uncontended", ns(median { time(n) { spin(spinLock.value) } })),
            ("TicketLock lock+unlock, uncontended", ns(median { time(n) { ticket(ticketLock.value) } })),
            ("Synchronization.Mutex lock+unlock, uncontended", ns(median { time(n) { mutex(mutexLock.value) } })),
            ("pthread_mutex lock+unlock, uncontended", ns(median { time(n) { pthread(pthreadLock, counter) } })),
            ("OnceCell read after initialisation", ns(median { time(n) { Sink.pointer = UnsafeMutableRawPointer(bitPattern: read(cell)) } })),
            ("SpinLock, 2 threads contended", mops(median { contended(n / 10) { spin(spinLock.value) } })),
            ("TicketLock, 2 threads contended", mops(median { contended(n / 10) { ticket(ticketLock.value) } })),
            ("Synchronization.Mutex, 2 threads contended", mops(median { contended(n / 10) { mutex(mutexLock.value) } })),
            ("pthread_mutex, 2 threads contended", mops(median { contended(n / 10) { pthread(sharedPthread, sharedCounter) } })),
        ]
        let spsc = Box(SPSCRingBuffer<Int>(capacity: 1024)), mpsc = Box(MPSCChannel<Int>(capacity: 1024))
        let messages = 2_000_000
        rows.append(("SPSC ring, 1 producer -> 1 consumer", mops(median {
            Double(messages) / onTwoThreads { role in
                if role == 0 { for i in 0..<messages { spsc.value.send(i) } } else { for _ in 0..<messages { _ = spsc.value.receive() } }
            } / 1e6
        })))
        rows.append(("MPSC channel, 1 producer -> 1 consumer", mops(median {
            Double(messages) / onTwoThreads { role in
                if role == 0 { for i in 0..<messages { mpsc.value.send(i) } } else { for _ in 0..<messages { _ = mpsc.value.receive() } }
            } / 1e6
        })))
        return rows
    }
}
