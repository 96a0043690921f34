import Ferrite

/// The ownership types' costs against the operations they stand for, one
/// figure each in ns per iteration (median of the runs). Clone and drop each
/// go through a non-inlined function so the optimiser cannot cancel an
/// increment against the decrement that follows it (it legitimately would,
/// for `Rc`, in real code).
enum OwnershipBench {
    final class Object {
        var payload = 0
    }

    @inline(never) static func cloneRc(_ rc: borrowing Rc<Int>) -> Rc<Int> { rc.clone() }
    @inline(never) static func dropRc(_ rc: consuming Rc<Int>) {}
    @inline(never) static func cloneArc(_ arc: borrowing Arc<Int>) -> Arc<Int> { arc.clone() }
    @inline(never) static func dropArc(_ arc: consuming Arc<Int>) {}
    @inline(never) static func retain(_ object: Unmanaged<Object>) { _ = object.retain() }
    @inline(never) static func release(_ object: Unmanaged<Object>) { object.release() }
    @inline(never) static func makeBox(_ value: Int) -> UniqueBox<Int> { UniqueBox(value) }
    @inline(never) static func dropBox(_ box: consuming UniqueBox<Int>) {}
    @inline(never) static func allocateRaw() -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
    }
    @inline(never) static func freeRaw(_ p: UnsafeMutableRawPointer) { p.deallocate() }

    static func time(_ iterations: Int, _ body: () -> Void) -> Double {
        let start = now()
        for _ in 0..<iterations { body() }
        return Double(now() - start) / Double(iterations)
    }

    static func run(runs: Int, iterations: Int) -> [(String, Double)] {
        let rc = Rc(1), arc = Arc(1)
        let object = Unmanaged.passRetained(Object())
        defer { object.release() }
        func median(_ body: () -> Void) -> Double {
            var figures = (0..<runs).map { _ in time(iterations, body) }
            figures.sort()
            return figures[figures.count / 2]
        }
        return [
            ("Rc.clone() + drop", median { dropRc(cloneRc(rc)) }),
            ("Arc.clone() + drop (uncontended)", median { dropArc(cloneArc(arc)) }),
            ("class retain + release (for comparison)", median { retain(object); release(object) }),
            ("UniqueBox<Int> create + destroy", median { dropBox(makeBox(7)) }),
            ("8-byte allocate + free, same heap (for comparison)", median { freeRaw(allocateRaw()) }),
        ]
    }
}
