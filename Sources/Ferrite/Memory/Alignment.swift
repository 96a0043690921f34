/// Rounds `value` up to the next multiple of `alignment`.
/// - Precondition: `alignment` is a power of two and `value + alignment - 1`
///   does not overflow `UInt`.
@inlinable
public func alignUp(_ value: UInt, to alignment: UInt) -> UInt {
    (value &+ (alignment &- 1)) & ~(alignment &- 1)
}

/// Rounds `value` down to a multiple of `alignment`.
/// - Precondition: `alignment` is a power of two.
@inlinable
public func alignDown(_ value: UInt, to alignment: UInt) -> UInt {
    value & ~(alignment &- 1)
}

/// True when `value` is a power of two (zero is not).
@inlinable
public func isPowerOfTwo(_ value: Int) -> Bool {
    value > 0 && value & (value &- 1) == 0
}
