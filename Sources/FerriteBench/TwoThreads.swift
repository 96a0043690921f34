#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Two pthreads that start their timed work together: each arrives at a
/// barrier and spins until the other has too, then reads the clock, so the
/// timing covers only the time both were running (thread creation, which
/// once let one thread finish before the other began, is outside it).
///
/// Starting together is not running together: on a busy machine the kernel
/// may time-slice the two threads on one core, and then a lock is never
/// contended at all. So each thread is pinned to a CPU of its own, reads its
/// own CPU time, and `overlap` is the part of the run both threads provably
/// spent on a core at once.
enum TwoThreads {
    /// When one thread's timed work began and ended, and how many operations it did.
    struct Span {
        var start: UInt64 = 0
        var end: UInt64 = 0
        /// CPU time the thread used between `start` and `end`, in ns.
        var cpu: UInt64 = 0
        var operations = 0
    }

    /// Both threads' spans, and what they say about the run.
    struct Run {
        var spans: [Span]

        /// From the first start to the last end, in seconds.
        var seconds: Double {
            Double((spans.map(\.end).max() ?? 0) &- (spans.map(\.start).min() ?? 0)) / 1e9
        }

        /// The part of the run during which both threads were on a core at
        /// once, at least: two threads that used `a` and `b` of a run `w`
        /// long overlapped for at least `a + b - w` (1: always together; 0:
        /// possibly never, e.g. time-sliced on one core).
        var overlap: Double {
            let wall = seconds * 1e9
            guard wall > 0 else { return 0 }
            let both = Double(spans.reduce(0) { $0 + $1.cpu }) - wall
            return Swift.min(1, Swift.max(0, both / wall))
        }

        var operations: Int { spans.reduce(0) { $0 + $1.operations } }
    }

    final class Job: @unchecked Sendable {
        let role: Int
        let arrived: UnsafeMutablePointer<Atomic<Int>>
        let body: (Int) -> Int
        var span = Span()
        init(_ role: Int, _ arrived: UnsafeMutablePointer<Atomic<Int>>, _ body: @escaping (Int) -> Int) {
            self.role = role; self.arrived = arrived; self.body = body
        }
        func run() {
            pinToCPU(role)
            // Acquiring and releasing: pairs with the other thread's add (only
            // the count matters; the barrier publishes nothing else).
            arrived.pointee.add(1, ordering: .acquiringAndReleasing)
            // Acquire pairs with the other thread's add.
            while arrived.pointee.load(ordering: .acquiring) < 2 {}
            span.start = now()
            let cpuStart = threadCPUTime()
            span.operations = body(role)
            span.cpu = threadCPUTime() &- cpuStart
            span.end = now()
        }
    }

    /// Runs `body(role)` for roles 0 and 1 on two pthreads that start
    /// together; `body` returns the operations it did.
    static func run(_ body: @escaping (Int) -> Int) -> Run {
        let arrived = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: 1)
        arrived.initialize(to: Atomic(0))
        defer { arrived.deinitialize(count: 1); arrived.deallocate() }
        let jobs = (0..<2).map { Job($0, arrived, body) }
        var threads: [pthread_t] = []
        for job in jobs {
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { argument in
                Unmanaged<Job>.fromOpaque(argument!).takeUnretainedValue().run()
                return nil
            }, Unmanaged.passUnretained(job).toOpaque())
            precondition(status == 0, "pthread_create failed")
            threads.append(thread)
        }
        for thread in threads { pthread_join(thread, nil) }
        return Run(spans: jobs.map(\.span))
    }
}

/// Keeps the calling thread on CPU `cpu` (modulo the CPUs there are), so the
/// two threads of a run never share one core while both are runnable.
func pinToCPU(_ cpu: Int) {
    let cpus = Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    var set = cpu_set_t()
    withUnsafeMutableBytes(of: &set.__bits) { bits in
        let word = bits.bindMemory(to: UInt.self)
        word[(cpu % cpus) / UInt.bitWidth] |= 1 << ((cpu % cpus) % UInt.bitWidth)
    }
    _ = systemSetAffinity(pthread_self(), MemoryLayout<cpu_set_t>.size, &set)
}

/// glibc's `pthread_setaffinity_np` (Glibc exports it only with _GNU_SOURCE).
@_silgen_name("pthread_setaffinity_np")
func systemSetAffinity(_ thread: pthread_t, _ size: Int, _ set: UnsafePointer<cpu_set_t>) -> Int32

/// The calling thread's CPU time in ns.
func threadCPUTime() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) &* 1_000_000_000 &+ UInt64(t.tv_nsec)
}
