// Rust: a type without `Copy` is moved, never copied implicitly. Two copies
// of a token that owns something would release it twice.
// expect-error: 'token' consumed more than once
struct Token: ~Copyable { var id: Int }

func copyNoncopyable() -> Int {
    let token = Token(id: 1)
    let first = token
    let second = token   // <- bug
    return first.id + second.id
}
