import Ferrite

/// On-target cost of each allocator: instructions per allocate and per free
/// (min / median / max), counted with the CPU's retired-instruction counter
/// around each call, over the hosted benchmark's W2 churn trace (bump: W1
/// pairs, since churn would exhaust it). Run with `make bench-target`, which
/// boots it under `qemu -icount shift=0` so the counts are exact and repeatable.
@main
struct Bench {
    static let steps = 500_000
    static let seed: UInt64 = 0xFE_2217E

    static func main() {
        HeapReport.printBanner("bench")
        let trace = Traces.churn(steps: steps, maxLive: 1000, seed: seed)
        let regionBytes = 16 << 20
        let region = UnsafeMutableRawBufferPointer.allocate(byteCount: regionBytes, alignment: 16)
        let counts = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: steps)
        let overhead = calibrate()
        print("instructions per call, counter overhead (\(overhead)) removed; W2: \(steps) churn steps, <= 1000 live, 8-4096 B")
        print("| allocator | trace | allocate min / median / p99 / max | free min / median / p99 / max |")
        print("|---|---|---|---|")

        var tlsf = TLSFAllocator(unsafeRegion: region)
        report("tlsf", "W2", churn(&tlsf, trace, counts, overhead))
        var freeList = FreeListAllocator(unsafeRegion: region)
        report("freelist", "W2", churn(&freeList, trace, counts, overhead))
        var bump = BumpAllocator(unsafeRegion: region)
        let sizes = Traces.uniformSizes(count: steps / 2, seed: seed)
        report("bump", "W1", pairs(&bump, sizes, counts, overhead))
        Runtime.exit(0)
    }

    /// The cost of reading the counter twice with nothing between.
    static func calibrate() -> UInt64 {
        var least = UInt64.max
        for _ in 0..<100 {
            let t0 = CPU.instructionsRetired()
            let t1 = CPU.instructionsRetired()
            least = min(least, t1 &- t0)
        }
        return least
    }

    /// Replays the churn trace; fills `counts` with allocate costs from the
    /// front and free costs from the back. Returns how many of each.
    static func churn<A: Allocator & ~Copyable>(_ heap: inout A, _ trace: [ChurnStep],
                                                _ counts: UnsafeMutableBufferPointer<UInt32>, _ overhead: UInt64) -> (Int, Int, UnsafeMutableBufferPointer<UInt32>) {
        let live = UnsafeMutableBufferPointer<(UnsafeMutableRawPointer, Layout)>.allocate(capacity: 1000)
        defer { live.deallocate() }
        var count = 0, allocs = 0, frees = 0
        for step in trace {
            if step.allocate {
                let layout = Layout(uncheckedSize: Int(step.size), alignment: Int(step.alignment))
                let t0 = CPU.instructionsRetired()
                let p = try? heap.allocate(layout)
                let t1 = CPU.instructionsRetired()
                guard let p else { print("out of memory"); Runtime.exit(Runtime.failureStatus) }
                counts[allocs] = UInt32(truncatingIfNeeded: t1 &- t0 &- overhead)
                allocs += 1
                live[count] = (p, layout)
                count += 1
            } else {
                let slot = Int(step.slot)
                let (p, layout) = live[slot]
                let t0 = CPU.instructionsRetired()
                try? heap.deallocate(p, layout: layout)
                let t1 = CPU.instructionsRetired()
                frees += 1
                counts[counts.count - frees] = UInt32(truncatingIfNeeded: t1 &- t0 &- overhead)
                count -= 1
                live[slot] = live[count]
            }
        }
        for j in 0..<count { try? heap.deallocate(live[j].0, layout: live[j].1) }
        return (allocs, frees, counts)
    }

    /// W1: allocate then free, the same block each time.
    static func pairs<A: Allocator & ~Copyable>(_ heap: inout A, _ sizes: [Int32],
                                                _ counts: UnsafeMutableBufferPointer<UInt32>, _ overhead: UInt64) -> (Int, Int, UnsafeMutableBufferPointer<UInt32>) {
        var n = 0
        for size in sizes {
            let layout = Layout(uncheckedSize: Int(size), alignment: 16)
            let t0 = CPU.instructionsRetired()
            let p = try? heap.allocate(layout)
            let t1 = CPU.instructionsRetired()
            guard let p else { print("out of memory"); Runtime.exit(Runtime.failureStatus) }
            try? heap.deallocate(p, layout: layout)
            let t2 = CPU.instructionsRetired()
            counts[n] = UInt32(truncatingIfNeeded: t1 &- t0 &- overhead)
            counts[counts.count - 1 - n] = UInt32(truncatingIfNeeded: t2 &- t1 &- overhead)
            n += 1
        }
        return (n, n, counts)
    }

    static func report(_ name: StaticString, _ trace: StaticString, _ result: (Int, Int, UnsafeMutableBufferPointer<UInt32>)) {
        let (allocs, frees, counts) = result
        var a = UnsafeMutableBufferPointer(rebasing: counts[0..<allocs])
        var f = UnsafeMutableBufferPointer(rebasing: counts[(counts.count - frees)...])
        a.sort()
        f.sort()
        print("| \(name) | \(trace) | \(a.first ?? 0) / \(a[a.count / 2]) / \(a[a.count * 99 / 100]) / \(a.last ?? 0) | \(f.first ?? 0) / \(f[f.count / 2]) / \(f[f.count * 99 / 100]) / \(f.last ?? 0) |")
    }
}
