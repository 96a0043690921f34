/// Text output on the board's console, without allocating: usable from the
/// trap handler and from heap reports, when the heap may be broken.
/// (`print` also works once the heap is up: it ends in `putchar` below.)
enum Console {
    static func write(_ text: StaticString) {
        // SAFETY: a StaticString's UTF-8 buffer is immutable and lives forever.
        let bytes = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        for byte in bytes { Board.writeByte(byte) }
    }

    /// Writes `value` as `0x` and hexadecimal digits, without leading zeros.
    static func writeHex(_ value: UInt) {
        Board.writeByte(UInt8(ascii: "0"))
        Board.writeByte(UInt8(ascii: "x"))
        var shift = UInt.bitWidth &- 4
        while shift > 0 && (value >> UInt(shift)) & 0xf == 0 { shift &-= 4 }
        while true {
            let digit = UInt8(truncatingIfNeeded: (value >> UInt(shift)) & 0xf)
            Board.writeByte(digit < 10 ? digit &+ 48 : digit &+ 87)
            if shift == 0 { break }
            shift &-= 4
        }
    }

    static func writeDecimal(_ value: Int) {
        var magnitude = value.magnitude
        if value < 0 { Board.writeByte(UInt8(ascii: "-")) }
        var reversed = InlineArray<20, UInt8>(repeating: 0)  // 2^64 has 20 digits
        var count = 0
        repeat {
            reversed[count] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 48
            magnitude /= 10
            count &+= 1
        } while magnitude != 0
        while count > 0 { count &-= 1; Board.writeByte(reversed[count]) }
    }
}

@c(putchar)
func putchar(_ character: Int32) -> Int32 {
    Board.writeByte(UInt8(truncatingIfNeeded: character))
    return character
}
