import FerriteLibC

/// memset, memcpy, memmove and memcmp (runtime C) against byte-at-a-time
/// references, over every small length and misalignment.
enum MemoryFunctionChecks {
    static func run(_ t: inout Checker) {
        t.begin("mem* functions")
        let size = 96
        let a = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        let b = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { a.deallocate(); b.deallocate() }
        func pattern(_ p: UnsafeMutableRawPointer, _ seed: Int) {
            for i in 0..<size { p.storeBytes(of: UInt8(truncatingIfNeeded: i &* 7 &+ seed), toByteOffset: i, as: UInt8.self) }
        }
        func byte(_ p: UnsafeMutableRawPointer, _ i: Int) -> UInt8 { p.load(fromByteOffset: i, as: UInt8.self) }

        var memsetOK = true, memcpyOK = true, forwardOK = true, backwardOK = true
        for offset in 0..<9 {
            for length in 0..<40 {
                pattern(a, 1)
                _ = memset(a + offset, 0xA5, length)
                for i in 0..<size where byte(a, i) != ((i >= offset && i < offset + length) ? 0xA5 : UInt8(truncatingIfNeeded: i &* 7 &+ 1)) {
                    memsetOK = false
                }
                for sourceOffset in 0..<9 {
                    pattern(a, 3); pattern(b, 5)
                    _ = memcpy(b + offset, a + sourceOffset, length)
                    for i in 0..<length where byte(b, offset + i) != byte(a, sourceOffset + i) { memcpyOK = false }
                    if offset > 0 && byte(b, offset - 1) != UInt8(truncatingIfNeeded: (offset - 1) &* 7 &+ 5) { memcpyOK = false }
                    // Overlapping moves, both directions, within one buffer.
                    pattern(a, 9)
                    _ = memmove(a + offset, a + offset + sourceOffset, length)
                    for i in 0..<length where byte(a, offset + i) != UInt8(truncatingIfNeeded: (offset + sourceOffset + i) &* 7 &+ 9) {
                        forwardOK = false
                    }
                    pattern(a, 9)
                    _ = memmove(a + offset + sourceOffset, a + offset, length)
                    for i in 0..<length where byte(a, offset + sourceOffset + i) != UInt8(truncatingIfNeeded: (offset + i) &* 7 &+ 9) {
                        backwardOK = false
                    }
                }
            }
        }
        t.expect(memsetOK, "memset fills exactly [offset, offset + length)")
        t.expect(memcpyOK, "memcpy copies every byte and nothing before")
        t.expect(forwardOK, "memmove with the destination below the source")
        t.expect(backwardOK, "memmove with the destination above the source")

        pattern(a, 1); pattern(b, 1)
        t.expect(memcmp(a, b, size) == 0, "memcmp of equal buffers is 0")
        b.storeBytes(of: 0xFF, toByteOffset: 50, as: UInt8.self)
        t.expect(memcmp(a, b, size) < 0 && memcmp(b, a, size) > 0, "memcmp orders by the first differing byte, unsigned")
        t.expect(memcmp(a, b, 50) == 0, "memcmp stops at the length")
    }
}

