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
