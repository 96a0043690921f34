// Rust: "cannot assign to `t.id`, which is behind a `&` reference". A shared
// borrow is read-only.
// expect-error: left side of mutating operator isn't mutable: 'token' is a 'let' constant
struct Token: ~Copyable { var id: Int }

func bump(_ token: borrowing Token) {
    token.id += 1   // <- bug
}
