/// Counts the hub's checks and prints each failure, without allocating.
struct Checks {
    private(set) var passed = 0
    private(set) var failed = 0

    /// Records one check; a failure prints `FAILED: <what>` with the two values.
    mutating func expect(_ actual: Int, equals expected: Int, _ what: StaticString) {
        if actual == expected {
            passed += 1
        } else {
            failed += 1
            Console.write("   FAILED: ")
            Console.write(what)
            Console.write(": got ")
            Console.writeDecimal(actual)
            Console.write(", expected ")
            Console.writeDecimal(expected)
            Console.write("\n")
        }
    }

    mutating func expect(_ condition: Bool, _ what: StaticString) {
        expect(condition ? 1 : 0, equals: 1, what)
    }
}
