// Rust: "`numbers` does not live long enough". A view of memory must not
// outlive the memory it views (a dangling reference).
// expect-error: lifetime-dependent variable 'span' escapes its scope
func firstElement() -> Int {
    let span: Span<Int>
    do {
        let numbers = [1, 2, 3]
        span = numbers.span
    }
    return span[0]   // <- bug
}
