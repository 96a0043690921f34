import Ferrite

/// The bug zoo (`make run APP=bugzoo`): each memory bug the Rust texts say
/// "would not compile", three ways —
/// 1. the safe Ferrite/Swift version, which works;
/// 2. the line that would be the bug, and what the compiler says about it
///    (quoted from the compile-fail suite in Tests/CompileFail, which
///    `swift test` checks against the real compiler);
/// 3. the bug committed on purpose through unsafe pointers, and what Ferrite
///    reports on bare metal: the debug heap (overflow, use after free, double
///    free, leak), lost updates counted (a data race), and last the trap
///    handler (a null dereference), which ends the program with the trap status.
/// `make test` checks every report.
@main
struct BugZoo {
    static func main() {
        HeapReport.printBanner("bugzoo")
        ZooHeap.install()
        useAfterFree()
        doubleFree()
        bufferOverflow()
        leak()
        dataRace()
        let expected = Tally.expected
        Console.write("\nbugzoo: ")
        Console.writeDecimal(Tally.caught)
        Console.write(" of ")
        Console.writeDecimal(expected)
        Console.write(Tally.caught == expected ? " bugs caught as expected\n" : " bugs caught: SOME WENT UNNOTICED\n")
        if Tally.caught != expected { Runtime.exit(Runtime.failureStatus) }
        nullDereference()
    }

    static func title(_ number: Int, _ name: StaticString) {
        Console.write("\n== ")
        Console.writeDecimal(number)
        Console.write(". ")
        Console.write(name)
        Console.write("\n")
    }

    /// The would-be bug and the compiler's verdict, from the compile-fail suite.
    static func compilerSays(_ entry: CompilerSays.Entry) {
        Console.write("compiler: `")
        Console.write(entry.line)
        Console.write("` -> error: ")
        Console.write(entry.error)
        Console.write("\n          (Tests/CompileFail/Snippets/")
        Console.write(entry.snippet)
        Console.write(".fail.swift)\n")
    }

    static func unsafeBug(_ text: StaticString) {
        Console.write("unsafe:   ")
        Console.write(text)
        Console.write("\n")
    }
}

/// How many of the bugs committed on purpose were reported.
enum Tally {
    nonisolated(unsafe) static var caught = 0
    nonisolated(unsafe) static var expected = 0

    /// Counts one bug as caught when `found`, and says so.
    static func check(_ found: Bool, _ what: StaticString) {
        expected += 1
        if found { caught += 1 }
        Console.write(found ? "caught:   " : "MISSED:   ")
        Console.write(what)
        Console.write("\n")
    }
}
