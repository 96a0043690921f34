import Ferrite

/// The benchmark workloads, generic over the allocator so each one is
/// specialised (no dynamic dispatch in the timed loops). "op" is one allocate
/// or one free.
enum Workloads {
    /// W1: allocate + free pairs, alignment 16. Returns ns per op.
    static func pairs<A: Allocator & ~Copyable>(_ heap: inout A, sizes: [Int32]) -> Double {
        let start = now()
        for size in sizes {
            let layout = Layout(uncheckedSize: Int(size), alignment: 16)
            let p = try! heap.allocate(layout)
            // Publish the pointer: LLVM knows malloc/free and would delete an
            // unobserved pair for the system allocator, timing nothing.
            Sink.pointer = p
            try! heap.deallocate(p, layout: layout)
        }
        return Double(now() - start) / Double(2 * sizes.count)
    }

    /// W2: replay a churn trace. With `latencies`, also times each op alone
    /// (into that buffer, in ns). Returns ns per op, or nil if the heap ran out.
    static func churn<A: Allocator & ~Copyable>(_ heap: inout A, trace: [ChurnStep], maxLive: Int,
                                                latencies: UnsafeMutableBufferPointer<UInt32>? = nil) -> Double? {
        let live = UnsafeMutableBufferPointer<(UnsafeMutableRawPointer, Layout)>.allocate(capacity: maxLive)
        defer { live.deallocate() }
        var count = 0
        let start = now()
        for (i, step) in trace.enumerated() {
            let t0 = latencies == nil ? 0 : now()
            if step.allocate {
                let layout = Layout(uncheckedSize: Int(step.size), alignment: Int(step.alignment))
                guard let p = try? heap.allocate(layout) else { return nil }
                live[count] = (p, layout)
                Sink.pointer = p
                count += 1
            } else {
                let slot = Int(step.slot)
                let (p, layout) = live[slot]
                try! heap.deallocate(p, layout: layout)
                count -= 1
                live[slot] = live[count]
            }
            if let latencies { latencies[i] = UInt32(truncatingIfNeeded: now() - t0) }
        }
        let elapsed = now() - start
        for j in 0..<count { try! heap.deallocate(live[j].0, layout: live[j].1) }
        return Double(elapsed) / Double(trace.count)
    }

    /// W3: allocate with the W2 size and alignment mix until the first
    /// failure; returns live payload bytes / region bytes.
    static func utilization<A: Allocator & ~Copyable>(_ heap: inout A, regionBytes: Int, seed: UInt64) -> Double {
        var rng = TraceRandom(seed: seed)
        var payload = 0
        while true {
            let size = Traces.logUniformSize(&rng)
            let alignment = Traces.mixedAlignment(&rng)
            guard (try? heap.allocate(Layout(uncheckedSize: size, alignment: alignment))) != nil else { break }
            payload += size
        }
        return Double(payload) / Double(regionBytes)
    }

    /// W4: allocations only, sizes 8...64, alignment 8. Returns ns per op and
    /// the blocks (for the caller to free outside the timing).
    static func allocateOnly<A: Allocator & ~Copyable>(_ heap: inout A, sizes: [Int32],
                                                       into blocks: UnsafeMutableBufferPointer<UnsafeMutableRawPointer?>) -> Double {
        let start = now()
        for (i, size) in sizes.enumerated() {
            blocks[i] = try! heap.allocate(Layout(uncheckedSize: Int(size), alignment: 8))
        }
        return Double(now() - start) / Double(sizes.count)
    }
}

/// Percentile of sorted values (nearest rank).
func percentile(_ sorted: [UInt32], _ p: Double) -> UInt32 {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
    return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank))]
}

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.isEmpty ? .nan : s[s.count / 2]
}

/// Where timed loops publish pointers so no allocation is optimised away.
enum Sink {
    nonisolated(unsafe) static var pointer: UnsafeMutableRawPointer?
}
