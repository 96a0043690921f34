/// The index of the highest set bit of `x` (floor of log2).
/// - Precondition: `x != 0`.
///
/// Hosted targets have a count-leading-zeros instruction and use it. RISC-V
/// without the Zbb extension (rv64imac, rv32imac) has none, and LLVM's generic
/// expansion is a population count of ~30 instructions; the TLSF size-class
/// mapping needs this on every call, so Embedded builds smear the bits right
/// and look the result up with a de Bruijn multiply instead (~16).
@inlinable @inline(__always)
public func highestBitIndex(_ x: UInt) -> Int {
    #if hasFeature(Embedded)
    var v = x
    v |= v &>> 1
    v |= v &>> 2
    v |= v &>> 4
    v |= v &>> 8
    v |= v &>> 16
    #if _pointerBitWidth(_64)
    v |= v &>> 32
    #endif
    // v is now 2^(k+1) - 1; v - (v >> 1) = 2^k is a single bit, whose
    // product with the de Bruijn constant puts a unique pattern on top.
    let bit = v &- (v &>> 1)
    #if _pointerBitWidth(_64)
    let index = Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: bit) &* 0x03F7_9D71_B4CB_0A89) &>> 58)
    return Int(deBruijn64[index])
    #else
    let index = Int(truncatingIfNeeded: (UInt32(truncatingIfNeeded: bit) &* 0x077C_B531) &>> 27)
    return Int(deBruijn32[index])
    #endif
    #else
    return UInt.bitWidth &- 1 &- x.leadingZeroBitCount
    #endif
}

#if hasFeature(Embedded)
/// log2 of 2^k from the top six bits of 2^k × 0x03F79D71B4CB0A89.
@usableFromInline
let deBruijn64: InlineArray<64, UInt8> = [
    0, 1, 48, 2, 57, 49, 28, 3, 61, 58, 50, 42, 38, 29, 17, 4,
    62, 55, 59, 36, 53, 51, 43, 22, 45, 39, 33, 30, 24, 18, 12, 5,
    63, 47, 56, 27, 60, 41, 37, 16, 54, 35, 52, 21, 44, 32, 23, 11,
    46, 26, 40, 15, 34, 20, 31, 10, 25, 14, 19, 9, 13, 8, 7, 6,
]

/// log2 of 2^k from the top five bits of 2^k × 0x077CB531.
@usableFromInline
let deBruijn32: InlineArray<32, UInt8> = [
    0, 1, 28, 2, 29, 14, 24, 3, 30, 22, 20, 15, 25, 17, 4, 8,
    31, 27, 13, 23, 21, 19, 16, 7, 26, 12, 18, 6, 11, 5, 10, 9,
]
#endif
