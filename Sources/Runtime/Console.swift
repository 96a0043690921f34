import Ferrite

/// Text output on the board's console, without allocating: usable from the
/// trap handler and from heap reports, when the heap may be broken.
/// (`print` also works once the heap is up: it ends in `putchar` below.)
enum Console {
    static func write(_ text: StaticString) {
        ReportText.text(text) { Board.writeByte($0) }
    }

    /// Writes `value` as `0x` and hexadecimal digits, without leading zeros.
    static func writeHex(_ value: UInt) {
        ReportText.hex(value) { Board.writeByte($0) }
    }

    static func writeDecimal(_ value: Int) {
        ReportText.decimal(value) { Board.writeByte($0) }
    }
}

@c(putchar)
func putchar(_ character: Int32) -> Int32 {
    Board.writeByte(UInt8(truncatingIfNeeded: character))
    return character
}
