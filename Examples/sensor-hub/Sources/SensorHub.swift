import Ferrite

/// A small sensor hub on Ferrite: static configuration, a per-frame arena, a
/// message pool, a tree of sensors, work across every hart. It checks its own
/// results and exits 0 only if every check passed (1 otherwise).
@main
struct SensorHub {
    static func main() {
        Console.write("sensor-hub on ")
        Console.write(Board.name)
        Console.write(" (")
        Console.write(Runtime.heapAllocatorName)
        Console.write(" heap)\n")
        var checks = Checks()
        let heapBefore = Runtime.heapStatistics()
        checks.expect(hubConfiguration.channels, equals: 4, "the static configuration")
        checkFrameArena(&checks)
        checkMessagePool(&checks)
        checkSensorTree(&checks)
        checkHarts(&checks)
        #if SENSOR_HUB_INJECT_FAILURE
        checks.expect(1, equals: 2, "a failure injected on purpose (-D SENSOR_HUB_INJECT_FAILURE)")
        #endif
        let heapAfter = Runtime.heapStatistics()
        checks.expect(heapAfter.bytesInUse, equals: heapBefore.bytesInUse, "the runtime heap is back where it started")
        checks.expect(Runtime.validateHeap() == nil, "the runtime heap validates")
        if checks.failed == 0 {
            Console.write("sensor-hub: all ")
            Console.writeDecimal(checks.passed)
            Console.write(" checks passed\n")
            Runtime.exit(0)
        }
        Console.write("sensor-hub: ")
        Console.writeDecimal(checks.failed)
        Console.write(" checks failed\n")
        Runtime.exit(1)
    }
}
