// The fix: give the box away once.
import Ferrite

func drop(_ box: consuming UniqueBox<Int>) {}

func consumeTwice() {
    let box = UniqueBox(42)
    drop(box)
}
