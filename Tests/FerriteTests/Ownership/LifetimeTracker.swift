import Ferrite
import Synchronization

/// Counts values made and destroyed, so a test can prove every value was
/// destroyed exactly once (and none too early).
final class LifetimeTracker: Sendable {
    let created = Atomic<Int>(0)
    let destroyed = Atomic<Int>(0)

    func make(_ payload: Int) -> Tracked {
        created.add(1, ordering: .relaxed)
        return Tracked(payload: payload, tracker: self)
    }

    var live: Int { created.load(ordering: .relaxed) - destroyed.load(ordering: .relaxed) }
    var destroyedCount: Int { destroyed.load(ordering: .relaxed) }
}

/// A `~Copyable` payload that reports its destruction.
struct Tracked: ~Copyable {
    let payload: Int
    let tracker: LifetimeTracker
    deinit { tracker.destroyed.add(1, ordering: .relaxed) }
}

/// A TLSF arena the ownership tests allocate from, so they can check that
/// every byte came back (its statistics return to the start).
final class Arena {
    let region = TestRegion(bytes: 1 << 20)
    let heap: UnsafeMutablePointer<TLSFAllocator>

    init() {
        heap = .allocate(capacity: 1)
        heap.initialize(to: TLSFAllocator(unsafeRegion: region.region))
    }

    deinit { heap.deinitialize(count: 1); heap.deallocate() }

    var reference: AllocatorReference { .tlsf(heap) }
    var liveBlocks: Int { heap.pointee.statistics.liveAllocations }
    var bytesInUse: Int { heap.pointee.statistics.bytesInUse }
    var isValid: Bool { heap.pointee.validate() == nil }
}
