import Ferrite

/// The on-target self-tests: Ferrite's checks run on the board itself, with
/// the result on the console as `selftest: N passed, M failed` and in the exit
/// status (0 only if every check passed).
@main
struct SelfTest {
    static func main() {
        HeapReport.printBanner("selftest")
        var t = Checker()
        MemoryFunctionChecks.run(&t)
        RuntimeSupportChecks.run(&t)
        CAllocationChecks.run(&t)
        AllocatorChecks.run(&t)
        SwiftRuntimeChecks.run(&t)
        AtomicChecks.run(&t)
        HartChecks.run(&t)
        #if FERRITE_SELFTEST_INJECT_FAILURE
        // Built only into selftest-failing.elf: proves `make test` notices.
        t.begin("injected failure")
        t.expect(false, "deliberately failing check")
        #endif
        t.report()
    }
}

/// Counts checks and prints each failure as it happens.
struct Checker {
    var passed = 0
    var failed = 0
    var group: StaticString = ""

    mutating func begin(_ name: StaticString) {
        group = name
        Console.write("- ")
        Console.write(name)
        Console.write("\n")
    }

    mutating func expect(_ condition: Bool, _ what: StaticString, line: UInt = #line) {
        if condition {
            passed += 1
        } else {
            failed += 1
            Console.write("  FAIL ")
            Console.write(group)
            Console.write(": ")
            Console.write(what)
            Console.write(" (SelfTest line ")
            Console.writeDecimal(Int(line))
            Console.write(")\n")
        }
    }

    func report() -> Never {
        Console.write("selftest: ")
        Console.writeDecimal(passed)
        Console.write(" passed, ")
        Console.writeDecimal(failed)
        Console.write(" failed\n")
        Runtime.exit(failed == 0 ? 0 : Runtime.failureStatus)
    }
}
