// Rust: "`Rc<..>` cannot be shared between threads safely" (a `LazyLock`'s
// initialiser must be `Send`). A shared `Lazy` runs its initialiser on
// whichever thread reads first: capturing a class with unsynchronised mutable
// state there is a data race.
// expect-error: capture of 'counter' with non-Sendable type 'Counter' in a '@Sendable' closure
import Ferrite

final class Counter { var count = 0 }

func firstReadCounts() -> Lazy<Int> {
    let counter = Counter()
    return Lazy { counter.count += 1; return counter.count }   // <- bug
}
