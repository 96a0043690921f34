/// Text, decimal and hexadecimal output through a byte sink, without
/// allocating: the sink is a non-escaping closure, passed down, never stored
/// (storing it could box it on the heap, which a report made under the
/// heap's lock must never do). The firmware's console, the debug heap's
/// reports and the heap map's text form all write through it.
public enum ReportText {
    /// Writes a static string's bytes.
    public static func text(_ string: StaticString, _ output: (UInt8) -> Void) {
        // SAFETY: a StaticString's UTF-8 buffer is immutable and lives forever.
        let bytes = UnsafeBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount)
        for byte in bytes { output(byte) }
    }

    /// Writes `value` in decimal, with a minus sign when negative.
    public static func decimal(_ value: Int, _ output: (UInt8) -> Void) {
        if value < 0 { output(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor &*= 10 }
        while true {
            output(UInt8(truncatingIfNeeded: magnitude / divisor) &+ 48)
            magnitude %= divisor
            if divisor == 1 { break }
            divisor /= 10
        }
    }

    /// Writes `value` as `0x` and hexadecimal digits, without leading zeros.
    public static func hex(_ value: UInt, _ output: (UInt8) -> Void) {
        output(UInt8(ascii: "0")); output(UInt8(ascii: "x"))
        var shift = UInt.bitWidth &- 4
        while shift > 0 && (value >> UInt(shift)) & 0xf == 0 { shift &-= 4 }
        while true {
            let digit = UInt8(truncatingIfNeeded: (value >> UInt(shift)) & 0xf)
            output(digit < 10 ? digit &+ 48 : digit &+ 87)
            if shift == 0 { break }
            shift &-= 4
        }
    }
}
