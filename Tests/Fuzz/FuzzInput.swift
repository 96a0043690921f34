/// The fuzzer's bytes, read as a stream of small numbers; an exhausted
/// stream reads as zeros, so every input is a valid program.
struct FuzzInput {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    var isEmpty: Bool { offset >= bytes.count }

    mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// A size: mostly small, sometimes up to 64 KiB, and now and then one
    /// too large for any heap (0xFF 0xFF).
    mutating func size() -> Int {
        let low = Int(byte()), high = Int(byte())
        if low == 0xFF && high == 0xFF { return Int.max / 2 }
        return high & 0x80 != 0 ? (high & 0x7F) << 9 | low : low | (high & 0x7) << 8
    }
}

/// Operations run over the whole fuzzing session, printed at exit (the
/// closing figure of `make fuzz`).
nonisolated(unsafe) var operationsFuzzed = 0

/// Stops the fuzzer with a message: libFuzzer records the input as a crash.
func fuzzFailure(_ message: String, _ step: Int) -> Never {
    fatalError("fuzz: \(message) at operation \(step)")
}

/// A block the harness holds: where, how big, and the byte it is filled with.
struct LiveBlock {
    var pointer: UnsafeMutableRawPointer
    var size: Int
    var alignment: Int
    var fill: UInt8

    func check(_ step: Int) {
        for i in 0..<size where pointer.load(fromByteOffset: i, as: UInt8.self) != fill {
            fuzzFailure("block at \(pointer) changed at offset \(i)", step)
        }
    }

    func paint() { pointer.initializeMemory(as: UInt8.self, repeating: fill, count: size) }
}
