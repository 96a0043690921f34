// Rust: "use of moved value". Giving the box away twice would free it twice.
// expect-error: 'box' consumed more than once
import Ferrite

func drop(_ box: consuming UniqueBox<Int>) {}

func consumeTwice() {
    let box = UniqueBox(42)
    drop(box)
    drop(box)   // <- bug
}
