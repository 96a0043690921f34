// The fix: one owner, or an explicit new value.
struct Token: ~Copyable { var id: Int }

func copyNoncopyable() -> Int {
    let token = Token(id: 1)
    let second = Token(id: token.id)
    return token.id + second.id
}
