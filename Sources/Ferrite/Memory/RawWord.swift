/// Word loads and stores at integer addresses: how the allocators read and
/// write their own bookkeeping (headers, links, footers) inside the regions
/// they own. Addresses are `UInt` so block arithmetic stays plain integer math.

/// Reads the word at `address`.
/// - Precondition: `address` is word-aligned, inside memory the caller owns,
///   and holds an initialised word.
@inlinable @inline(__always)
public func loadWord(_ address: UInt) -> UInt {
    markUsable(address, count: UInt(MemoryLayout<UInt>.size))
    // SAFETY: the caller's precondition.
    return UnsafePointer<UInt>(bitPattern: address).unsafelyUnwrapped.pointee
}

/// Writes `value` to the word at `address`.
/// - Precondition: `address` is word-aligned and inside memory the caller owns.
@inlinable @inline(__always)
public func storeWord(_ address: UInt, _ value: UInt) {
    markUsable(address, count: UInt(MemoryLayout<UInt>.size))
    // SAFETY: the caller's precondition.
    UnsafeMutablePointer<UInt>(bitPattern: address).unsafelyUnwrapped.pointee = value
}
