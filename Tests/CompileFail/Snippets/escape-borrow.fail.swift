// Rust: "cannot move out of `*t` which is behind a shared reference". A
// borrowed value may be read, not kept.
// expect-error: 'token' is borrowed and cannot be consumed
struct Token: ~Copyable { var id: Int }

func keep(_ token: borrowing Token) -> Token {
    return token   // <- bug
}
