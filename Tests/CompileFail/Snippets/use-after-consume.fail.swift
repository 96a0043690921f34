// Rust: "borrow of moved value: `b`". A UniqueBox has one owner; once moved, the old name is gone.
// expect-error: 'box' used after consume
import Ferrite

func useAfterConsume() -> Int {
    let box = UniqueBox(42)
    let owner = box          // ownership moves to `owner`
    return box.value + owner.value   // <- bug
}
