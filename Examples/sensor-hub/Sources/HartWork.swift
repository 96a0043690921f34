import Ferrite
import Synchronization

/// What the harts share, at one address passed to each as its context.
struct HubShared: ~Copyable {
    var readings = SpinLock(0)
    /// Room for every message of every hart: hart 0 sends too, and must never
    /// wait on a full channel that only it drains.
    let channel = MPSCChannel<UInt64>(capacity: 256)
    let calibration = OnceCell<Int>()
    let calibrations = Atomic<Int>(0)
    let calibrationMismatches = Atomic<Int>(0)
}

/// One hart's share of the work: readings into the locked counter, the
/// calibration through the once-cell, messages (hart << 32 | sequence) to hart 0.
func hubWork(_ hart: Int, _ shared: UnsafeMutablePointer<HubShared>) {
    let config = hubConfiguration
    let calibration = shared.pointee.calibration.getOrInitialize {
        // Relaxed: a count read after every hart has finished.
        shared.pointee.calibrations.add(1, ordering: .relaxed)
        return 42
    }
    // Relaxed: a count read after every hart has finished.
    if calibration != 42 { shared.pointee.calibrationMismatches.add(1, ordering: .relaxed) }
    for _ in 0..<config.readingsPerHart { shared.pointee.readings.withLock { $0 += 1 } }
    for sequence in 0..<config.messagesPerHart {
        shared.pointee.channel.send(UInt64(hart) << 32 | UInt64(sequence))
    }
}

func checkHarts(_ checks: inout Checks) {
    let config = hubConfiguration
    let harts = Runtime.startedHarts
    let shared = UnsafeMutablePointer<HubShared>.allocate(capacity: 1)
    shared.initialize(to: HubShared())
    defer { shared.deinitialize(count: 1); shared.deallocate() }
    var started = 1
    for hart in 1..<harts {
        let ok = Runtime.startHart(hart, context: UInt(bitPattern: shared)) { hart, context in
            // SAFETY: the context is `shared`, alive until every hart is waited for.
            hubWork(hart, UnsafeMutablePointer<HubShared>(bitPattern: context).unsafelyUnwrapped)
        }
        if ok { started += 1 }
    }
    checks.expect(started, equals: harts, "every started hart takes a job")
    checks.expect(!Runtime.startHart(harts, entry: { _, _ in }), "a hart that did not start refuses a job")
    hubWork(0, shared)
    // Hart 0 is the channel's one consumer: every message, in order per sender.
    var nextSequence = [Int](repeating: 0, count: harts)
    var received = 0, outOfOrder = 0, spins = 0
    while received < harts * config.messagesPerHart && spins < 200_000_000 {
        guard let message = shared.pointee.channel.tryReceive() else { spins += 1; continue }
        let sender = Int(message >> 32), sequence = Int(message & 0xffff_ffff)
        if sender < harts && nextSequence[sender] == sequence { nextSequence[sender] += 1 } else { outOfOrder += 1 }
        received += 1
    }
    checks.expect(Runtime.waitForHarts(timeoutMicroseconds: 30_000_000), "every hart's job returned within 30 s")
    checks.expect(received, equals: harts * config.messagesPerHart, "messages received over the MPSC channel")
    checks.expect(outOfOrder, equals: 0, "messages in order per sender")
    checks.expect(shared.pointee.readings.withLock { $0 }, equals: harts * config.readingsPerHart,
                  "readings counted under the SpinLock")
    checks.expect(shared.pointee.calibrations.load(ordering: .relaxed), equals: 1, "the OnceCell ran its initialiser once")
    checks.expect(shared.pointee.calibrationMismatches.load(ordering: .relaxed), equals: 0,
                  "every hart read the OnceCell's value")
    Console.write("harts: ")
    Console.writeDecimal(harts)
    Console.write(" started; SpinLock counter, MPSC channel and OnceCell shared by all\n")
}
