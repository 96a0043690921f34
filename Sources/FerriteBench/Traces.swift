import Ferrite

/// A seeded generator (xorshift64): every allocator replays the same trace.
struct TraceRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return state
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// Uniform in 0..<1.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}

/// One step of a churn trace: allocate `size`/`alignment` into live slot
/// `slot`, or free the block in `slot`.
struct ChurnStep {
    var allocate: Bool
    var slot: Int32
    var size: Int32
    var alignment: Int32
}

enum Traces {
    /// W1: sizes uniform in 16...256.
    static func uniformSizes(count: Int, seed: UInt64) -> [Int32] {
        var rng = TraceRandom(seed: seed)
        return (0..<count).map { _ in Int32(16 + rng.below(241)) }
    }

    /// W2's size mix: log-uniform 8...4096.
    static func logUniformSize(_ rng: inout TraceRandom) -> Int {
        let logMin = 3.0, logMax = 12.0
        let e = logMin + (logMax - logMin) * rng.unit()
        var size = 1.0
        // 2^e without the math library: integer part by shifting, fraction by
        // a short series (accurate to well under a byte at these sizes).
        let whole = Int(e)
        let fraction = (e - Double(whole)) * 0.6931471805599453
        var term = 1.0, sum = 1.0
        for k in 1...8 { term *= fraction / Double(k); sum += term }
        size = Double(1 << whole) * sum
        return Swift.min(4096, Swift.max(8, Int(size)))
    }

    /// W2's alignment mix: 8 (80%), 16 (15%), 64 (5%).
    static func mixedAlignment(_ rng: inout TraceRandom) -> Int {
        let r = rng.below(100)
        return r < 80 ? 8 : (r < 95 ? 16 : 64)
    }

    /// W2: up to `maxLive` live blocks; each step allocates (p = 0.5, or when
    /// none is live, never when full) or frees a random live block.
    static func churn(steps: Int, maxLive: Int, seed: UInt64) -> [ChurnStep] {
        var rng = TraceRandom(seed: seed)
        var live = 0
        var trace: [ChurnStep] = []
        trace.reserveCapacity(steps)
        for _ in 0..<steps {
            let coin = rng.below(2) == 0
            if live == 0 || (coin && live < maxLive) {
                trace.append(ChurnStep(allocate: true, slot: Int32(live), size: Int32(logUniformSize(&rng)),
                                       alignment: Int32(mixedAlignment(&rng))))
                live += 1
            } else {
                trace.append(ChurnStep(allocate: false, slot: Int32(rng.below(live)), size: 0, alignment: 0))
                live -= 1
            }
        }
        return trace
    }
}
