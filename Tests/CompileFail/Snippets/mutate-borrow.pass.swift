// The fix: an exclusive borrow (`inout`, Rust's `&mut`).
struct Token: ~Copyable { var id: Int }

func bump(_ token: inout Token) {
    token.id += 1
}
