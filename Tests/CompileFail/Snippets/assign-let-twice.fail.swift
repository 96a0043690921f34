// Rust: "cannot assign twice to immutable variable `x`".
// expect-error: cannot assign to value: 'limit' is a 'let' constant
func limits() -> Int {
    let limit = 10
    limit = 20   // <- bug
    return limit
}
