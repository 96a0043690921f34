/// `arc4random_buf` for the standard library, which seeds `Hasher` with it.
///
/// Bare metal has no entropy source in common, so this is SplitMix64 seeded at
/// boot from the board's cycle counter: good enough to randomise hash seeds,
/// NOT suitable for cryptography. Under `qemu -icount` it is deterministic.
nonisolated(unsafe) var randomState: UInt64 = 0x9E37_79B9_7F4A_7C15

/// Mixes the boot seed in (`ferrite_boot`, C/boot.c, calls it first).
@c(ferrite_seed_random)
func seedRandom(_ seed: UInt) {
    randomState ^= UInt64(seed)
}

/// A random word, for the stack guard `ferrite_boot` sets.
@c(ferrite_random_word)
func randomWord() -> UInt {
    UInt(truncatingIfNeeded: nextRandom())
}

func nextRandom() -> UInt64 {
    randomState &+= 0x9E37_79B9_7F4A_7C15
    var z = randomState
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

@c(arc4random_buf)
func arc4randomBuf(_ buffer: UnsafeMutableRawPointer?, _ count: Int) {
    guard let buffer else { return }
    var offset = 0
    while offset < count {
        var word = nextRandom()
        for _ in 0..<8 where offset < count {
            // SAFETY: offset < count and the caller gives `count` writable bytes.
            buffer.storeBytes(of: UInt8(truncatingIfNeeded: word), toByteOffset: offset, as: UInt8.self)
            word >>= 8
            offset &+= 1
        }
    }
}
