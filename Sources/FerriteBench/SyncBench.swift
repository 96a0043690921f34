#if canImport(Glibc)
import Glibc
#endif
import Ferrite
import Synchronization

/// The sync primitives' costs: uncontended lock + unlock against pthread and
/// `Synchronization.Mutex`, the `OnceCell` read after initialisation,
/// two-thread contended throughput (`ContendedLocks`), and channel messages
/// per second (producer and consumer started together, `TwoThreads`).
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

    static func run(runs: Int) -> [(String, String)] {
        let n = 10_000_000
        func median(_ body: () -> Double) -> Double {
            var figures = (0..<runs).map { _ in body() }
            figures.sort()
            return figures[figures.count / 2]
        }
        func ns(_ value: Double) -> String { "\((value * 100).rounded() / 100) ns" }

        let spinLock = Box(SpinLock(0)), ticketLock = Box(TicketLock(0)), mutexLock = Box(Mutex(0))
        let pthreadLock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(pthreadLock, nil)
        let counter = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        counter.initialize(to: 0)
        let cell = OnceCell<Int>()
        _ = cell.getOrInitialize { 7 }

        var rows: [(String, String)] = [
            ("SpinLock lock+unlock, uncontended", ns(median { time(n) { spin(spinLock.value) } })),
            ("TicketLock lock+unlock, uncontended", ns(median { time(n) { ticket(ticketLock.value) } })),
            ("Synchronization.Mutex lock+unlock, uncontended", ns(median { time(n) { mutex(mutexLock.value) } })),
            ("pthread_mutex lock+unlock, uncontended", ns(median { time(n) { pthread(pthreadLock, counter) } })),
            ("OnceCell read after initialisation", ns(median { time(n) { Sink.pointer = UnsafeMutableRawPointer(bitPattern: read(cell)) } })),
        ]
        rows += ContendedLocks.rows(runs: runs)
        rows += channelRows(runs: runs)
        return rows
    }

    /// The channels, one producer and one consumer starting together
    /// (`TwoThreads`): messages per second, median of `runs`.
    static func channelRows(runs: Int) -> [(String, String)] {
        let spsc = Box(SPSCRingBuffer<Int>(capacity: 1024)), mpsc = Box(MPSCChannel<Int>(capacity: 1024))
        let messages = 2_000_000
        func rate(_ body: @escaping (Int) -> Int) -> String {
            var results = (0..<runs).map { _ in TwoThreads.run(body) }
            results.sort { $0.seconds > $1.seconds }
            let run = results[results.count / 2]
            return "\((Double(messages) / run.seconds / 1e5).rounded() / 10) M messages/s "
                + "(overlap \((run.overlap * 1000).rounded() / 10)%)"
        }
        return [
            ("SPSC ring, 1 producer -> 1 consumer", rate { role in
                if role == 0 { for i in 0..<messages { spsc.value.send(i) } } else { for _ in 0..<messages { _ = spsc.value.receive() } }
                return messages
            }),
            ("MPSC channel, 1 producer -> 1 consumer", rate { role in
                if role == 0 { for i in 0..<messages { mpsc.value.send(i) } } else { for _ in 0..<messages { _ = mpsc.value.receive() } }
                return messages
            }),
        ]
    }
}
