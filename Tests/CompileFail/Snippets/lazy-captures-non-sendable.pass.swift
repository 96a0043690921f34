// The fix: the initialiser captures only what is safe to share (an atomic
// counter in a Sendable class).
import Ferrite
import Synchronization

final class Counter: Sendable { let count = Atomic<Int>(0) }

func firstReadCounts() -> Lazy<Int> {
    let counter = Counter()
    return Lazy { counter.count.add(1, ordering: .relaxed).newValue }
}
