// The fix: use the view while its owner is alive.
func firstElement() -> Int {
    let numbers = [1, 2, 3]
    let span = numbers.span
    return span[0]
}
