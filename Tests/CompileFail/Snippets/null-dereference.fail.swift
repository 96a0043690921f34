// Rust: there is no null reference; `Option<&T>` must be matched first.
// Swift's Optional is the same rule: no member access until it is unwrapped.
// expect-error: value of optional type 'UnsafePointer<Int>?' must be unwrapped
func read(_ pointer: UnsafePointer<Int>?) -> Int {
    return pointer.pointee   // <- bug
}
