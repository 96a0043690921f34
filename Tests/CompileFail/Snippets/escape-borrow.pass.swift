// The fix: take ownership (`consuming`) to keep the value.
struct Token: ~Copyable { var id: Int }

func keep(_ token: consuming Token) -> Token {
    return token
}
