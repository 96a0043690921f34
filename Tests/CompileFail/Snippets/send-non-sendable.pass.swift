// The fix: share only what is safe to share (immutable here; a lock or an
// atomic in real code).
final class Counter: Sendable { let count = 0 }

func onAnotherThread(_ body: @Sendable @escaping () -> Void) {}

func race() {
    let counter = Counter()
    onAnotherThread { _ = counter.count }
}
