// The fix: say that it changes (`var`, Rust's `let mut`).
func limits() -> Int {
    var limit = 10
    limit = 20
    return limit
}
