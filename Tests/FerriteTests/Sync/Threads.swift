#if canImport(Glibc)
import Glibc
#endif

/// Runs `body(0..<count)` on `count` real threads at once (pthreads), and
/// returns when all have finished. Unlike `DispatchQueue.concurrentPerform`,
/// which may run iterations one after another on a small machine, every body
/// here truly runs concurrently: a producer can rely on its consumer running.
func runConcurrently(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    final class Job: @unchecked Sendable {
        let index: Int
        let body: @Sendable (Int) -> Void
        init(_ index: Int, _ body: @escaping @Sendable (Int) -> Void) { self.index = index; self.body = body }
    }
    var threads: [pthread_t] = []
    for index in 0..<count {
        let job = Unmanaged.passRetained(Job(index, body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { argument in
            let job = Unmanaged<Job>.fromOpaque(argument!).takeRetainedValue()
            job.body(job.index)
            return nil
        }, job)
        precondition(status == 0, "pthread_create failed")
        threads.append(thread)
    }
    for thread in threads { pthread_join(thread, nil) }
}

/// Starts `body` on a thread of its own and returns at once (nothing joins
/// it): for exit tests, whose process ends while the thread may still wait.
func startThread(_ body: @escaping @Sendable () -> Void) {
    final class Job: @unchecked Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    var thread = pthread_t()
    let status = pthread_create(&thread, nil, { argument in
        Unmanaged<Job>.fromOpaque(argument!).takeRetainedValue().body()
        return nil
    }, Unmanaged.passRetained(Job(body)).toOpaque())
    precondition(status == 0, "pthread_create failed")
    pthread_detach(thread)
}

/// Ends the process with status 0 after `seconds`: the way out of an exit
/// test whose code deadlocks (the test then sees a clean exit, not the trap it
/// expects, instead of hanging).
func exitCleanlyAfter(seconds: UInt32) {
    startThread {
        sleep(seconds)
        print("watchdog: no trap after \(seconds) s (deadlocked?), exiting 0")
        exit(0)
    }
}
