import Ferrite
import FerriteLibC
import Synchronization

/// The 4-hart proof (`qemu ... -smp 4`): every hart, at once,
/// 1. races to initialise one `OnceCell`,
/// 2. adds 100,000 to a counter under `SpinLock`, then 100,000 under `TicketLock`,
/// 3. allocates and frees 10,000 mixed blocks through the locked runtime heap,
///    checking each block's contents,
/// 4. harts 1-3 send 10,000 numbered messages each to hart 0 over an
///    `MPSCChannel`, which hart 0 receives.
/// Hart 0 then checks the totals, the heap (`validate()` clean, statistics back
/// to the start), every message received once and in order per producer, and
/// the initialiser's single run; it prints per-hart lock acquisitions and the
/// ticket lock's fairness, and exits with the result.
@main
struct SMPProof {
    static let harts = 4
    static let increments = 100_000
    static let heapOperations = 10_000
    static let messages = 10_000

    static func main() {
        HeapReport.printBanner("smp")
        _ = shared                                  // its slot is made before the heap is measured
        let heapBefore = HeapReport.statistics()
        shared.initialize(to: Shared())
        let ready = Runtime.hartsDone.load(ordering: .acquiring)
        for hart in 1..<harts { Runtime.release(hart: hart) { hart in SMPProof.work(hart) } }
        work(0)
        // Acquire pairs with each hart's releasing add when its work returns.
        var spins = 0
        while Runtime.hartsDone.load(ordering: .acquiring) - ready < harts - 1 && spins < 400_000_000 { spins += 1 }
        let finished = Runtime.hartsDone.load(ordering: .acquiring) - ready
        var failures = report(finishedHarts: finished + 1)
        // Back to the start once the shared state (channel, cell) and the
        // report's own strings are gone.
        shared.deinitialize(count: 1)
        let heapEnd = HeapReport.statistics()
        if heapEnd.bytesInUse != heapBefore.bytesInUse || heapEnd.liveAllocations != heapBefore.liveAllocations {
            failures += 1
            Console.write("   FAILED: heap back to its starting statistics\n")
        } else {
            Console.write("heap: back to its starting statistics\n")
        }
        print(failures == 0 ? "smp proof: all checks passed" : "smp proof: \(failures) checks failed")
        Runtime.exit(failures == 0 ? 0 : Runtime.failureStatus)
    }

    /// Everything the harts share, at one address.
    struct Shared: ~Copyable {
        var spin = SpinLock(Tally())
        var ticket = TicketLock(Tally())
        let once = OnceCell<Int>()
        let initialiserRuns = Atomic<Int>(0)
        let arrived = Atomic<Int>(0)
        let channel = MPSCChannel<UInt64>(capacity: 256)
        let heapErrors = Atomic<Int>(0)
        let messageErrors = Atomic<Int>(0)
        let onceValues = Atomic<Int>(0)
    }
    nonisolated(unsafe) static let shared = UnsafeMutablePointer<Shared>.allocate(capacity: 1)

    /// A counter, and how many of its first `increments` increments each hart won.
    struct Tally {
        var total = 0
        var share = InlineArray<4, Int>(repeating: 0)
        mutating func add(_ hart: Int) {
            total += 1
            if total <= increments { share[hart] += 1 }
        }
    }

    static func work(_ hart: Int) {
        let s = shared
        // Start together: every hart checks in, then all go at once.
        s.pointee.arrived.add(1, ordering: .acquiringAndReleasing)
        while s.pointee.arrived.load(ordering: .acquiring) < harts {}

        // 1. The OnceCell race.
        let value = s.pointee.once.getOrInitialize { () -> Int in
            s.pointee.initialiserRuns.add(1, ordering: .relaxed)
            return 1000 + hart
        }
        if value >= 1000 && value < 1000 + harts { s.pointee.onceValues.add(1, ordering: .relaxed) }

        // 2. Counters under each lock.
        for _ in 0..<increments { s.pointee.spin.withLock { $0.add(hart) } }
        for _ in 0..<increments { s.pointee.ticket.withLock { $0.add(hart) } }

        // 3. The locked global heap, contents checked.
        heapWork(hart)

        // 4. Messages: harts 1-3 produce, hart 0 consumes.
        if hart == 0 {
            var next = (0, 0, 0, 0)
            for _ in 0..<(messages * (harts - 1)) {
                let message = s.pointee.channel.receive()
                let producer = Int(message >> 32), sequence = Int(message & 0xFFFF_FFFF)
                let expected: Int
                switch producer { case 1: expected = next.1; next.1 += 1
                case 2: expected = next.2; next.2 += 1
                case 3: expected = next.3; next.3 += 1
                default: expected = -1 }
                if sequence != expected { s.pointee.messageErrors.add(1, ordering: .relaxed) }
            }
            if s.pointee.channel.tryReceive() != nil { s.pointee.messageErrors.add(1, ordering: .relaxed) }
        } else {
            for sequence in 0..<messages {
                s.pointee.channel.send(UInt64(hart) << 32 | UInt64(sequence))
            }
        }
    }

    static func heapWork(_ hart: Int) {
        var rng = UInt64(0x9E37_79B9) &* UInt64(hart + 1)
        let slots = 16
        var blocks = InlineArray<16, UnsafeMutableRawPointer?>(repeating: nil)
        var sizes = InlineArray<16, Int>(repeating: 0)
        for _ in 0..<heapOperations {
            rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17
            let slot = Int(rng % UInt64(slots))
            let fill = UInt8(truncatingIfNeeded: hart &* 64 &+ slot)
            if let block = blocks[slot] {
                for i in 0..<sizes[slot] where block.load(fromByteOffset: i, as: UInt8.self) != fill {
                    shared.pointee.heapErrors.add(1, ordering: .relaxed)
                    break
                }
                free(block)
                blocks[slot] = nil
            } else {
                let size = 8 + Int((rng >> 20) % 2000)
                guard let block = malloc(size) else { shared.pointee.heapErrors.add(1, ordering: .relaxed); continue }
                memset(block, Int32(fill), size)
                blocks[slot] = block
                sizes[slot] = size
            }
        }
        for slot in 0..<slots { if let block = blocks[slot] { free(block) } }
    }

    static func list(_ values: [Int]) -> String {
        var text = ""
        for (i, value) in values.enumerated() { text += (i == 0 ? "" : " / ") + "hart \(i): \(value)" }
        return text
    }

    static func report(finishedHarts: Int) -> Int {
        let s = shared
        var failures = 0
        func check(_ ok: Bool, _ what: StaticString) {
            if !ok { failures += 1; Console.write("   FAILED: "); Console.write(what); Console.write("\n") }
        }
        let spin = s.pointee.spin.withLock { $0 }
        let ticket = s.pointee.ticket.withLock { $0 }
        let spinTotal = spin.total, ticketTotal = ticket.total
        print("harts finished: \(finishedHarts) of \(harts)")
        print("SpinLock counter: \(spinTotal) (expected \(harts * increments))")
        print("TicketLock counter: \(ticketTotal) (expected \(harts * increments))")
        var spinShares: [Int] = [], ticketShares: [Int] = []
        for hart in 0..<harts {
            spinShares.append(spin.share[hart])
            ticketShares.append(ticket.share[hart])
        }
        print("first \(increments) acquisitions per hart, SpinLock:   \(list(spinShares))")
        print("first \(increments) acquisitions per hart, TicketLock: \(list(ticketShares))")
        let fairness = ticketShares.max()! * 100 / max(1, ticketShares.min()!)
        let spinFairness = spinShares.max()! * 100 / max(1, spinShares.min()!)
        print("fairness, max/min share: TicketLock \(fairness) %, SpinLock \(spinFairness) %")
        let violation = runtimeHeap.pointee.validate()
        print("heap: validate() \(violation == nil ? "clean" : "FAILED"); content errors \(s.pointee.heapErrors.load(ordering: .relaxed))")
        print("messages: \(messages * (harts - 1)) sent by harts 1-3, order errors \(s.pointee.messageErrors.load(ordering: .relaxed))")
        print("OnceCell: initialiser ran \(s.pointee.initialiserRuns.load(ordering: .relaxed)) time(s); \(s.pointee.onceValues.load(ordering: .relaxed)) harts read its value")

        check(finishedHarts == harts, "every hart finished")
        check(spinTotal == harts * increments && ticketTotal == harts * increments, "counter totals exact")
        check(violation == nil, "heap validate() clean")
        check(s.pointee.heapErrors.load(ordering: .relaxed) == 0, "every block kept its contents")
        check(s.pointee.messageErrors.load(ordering: .relaxed) == 0, "every message received once, in order per producer")
        check(s.pointee.initialiserRuns.load(ordering: .relaxed) == 1 && s.pointee.onceValues.load(ordering: .relaxed) == harts, "the initialiser ran once")
        return failures
    }
}
