import FerriteLibC

/// The runtime's other helpers: ceil (integer-only, used by Dictionary/Set)
/// and arc4random_buf.
enum RuntimeSupportChecks {
    static func run(_ t: inout Checker) {
        t.begin("ceil and arc4random_buf")
        t.expect(ceil(1.5) == 2.0 && ceil(2.0) == 2.0 && ceil(0.25) == 1.0, "ceil of positive values")
        t.expect(ceil(-1.5) == -1.0 && ceil(-0.5) == 0.0 && ceil(-0.5).sign == .minus, "ceil of negative values (and -0.0)")
        t.expect(ceil(4503599627370497.0) == 4503599627370497.0, "ceil of a value beyond 2^52 is itself")
        t.expect(ceil(0.0) == 0.0 && ceil(Double.infinity) == .infinity && ceil(Double.nan).isNaN, "ceil of 0, inf and NaN")
        t.expect(ceil(1e-300) == 1.0 && ceil(2.0000000001) == 3.0, "ceil of tiny and nearly-integral values")

        let a = UnsafeMutableRawBufferPointer.allocate(byteCount: 32, alignment: 8)
        let b = UnsafeMutableRawBufferPointer.allocate(byteCount: 32, alignment: 8)
        defer { a.deallocate(); b.deallocate() }
        a.initializeMemory(as: UInt8.self, repeating: 0)
        b.initializeMemory(as: UInt8.self, repeating: 0)
        arc4random_buf(a.baseAddress, 32)
        arc4random_buf(b.baseAddress, 31)
        var differ = 0, zeros = 0
        for i in 0..<31 where a[i] != b[i] { differ += 1 }
        for i in 0..<32 where a[i] == 0 { zeros += 1 }
        t.expect(differ > 20 && zeros < 8, "two calls give different, non-zero bytes")
        t.expect(b[31] == 0, "arc4random_buf writes exactly the bytes asked for")
    }
}
