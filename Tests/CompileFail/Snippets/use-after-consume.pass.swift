// The fix: use the box through its one owner.
import Ferrite

func useAfterConsume() -> Int {
    let box = UniqueBox(42)
    let owner = box
    return owner.value
}
