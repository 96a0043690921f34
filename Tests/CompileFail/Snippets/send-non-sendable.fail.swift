// Rust: "`Rc<..>` cannot be sent between threads safely". A class with
// unsynchronised mutable state must not reach another thread (a data race).
// expect-error: capture of 'counter' with non-Sendable type 'Counter' in a '@Sendable' closure
final class Counter { var count = 0 }

func onAnotherThread(_ body: @Sendable @escaping () -> Void) {}

func race() {
    let counter = Counter()
    onAnotherThread { counter.count += 1 }   // <- bug
}
