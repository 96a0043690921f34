/// Why a `Layout` could not be built.
public enum LayoutError: Error, Equatable {
    /// The size was negative.
    case negativeSize
    /// The alignment was zero, negative or not a power of two.
    case alignmentNotPowerOfTwo
    /// The size rounded up to the alignment does not fit in an `Int`.
    case sizeOverflow
}

/// The size and alignment of a block of memory: what an allocator is asked for.
///
/// A `Layout` is valid by construction: the alignment is a power of two and the
/// size rounded up to that alignment fits in an `Int`. Allocators may therefore
/// round `size` up to `alignment` without checking for overflow. A bad request
/// becomes a `LayoutError` value here, at the edge, never a trap deep inside an
/// allocator.
public struct Layout: Equatable, Sendable {
    /// The number of bytes requested. May be zero.
    public let size: Int
    /// A power of two; the block's address is a multiple of it.
    public let alignment: Int

    /// Builds a layout, checking it.
    /// - Throws: `LayoutError` when `size` is negative, `alignment` is not a
    ///   power of two, or `size` rounded up to `alignment` overflows.
    /// - Complexity: O(1).
    @inlinable
    public init(size: Int, alignment: Int) throws(LayoutError) {
        guard size >= 0 else { throw .negativeSize }
        guard alignment > 0, alignment & (alignment &- 1) == 0 else { throw .alignmentNotPowerOfTwo }
        guard size <= Int.max &- (alignment &- 1) else { throw .sizeOverflow }
        self.size = size
        self.alignment = alignment
    }

    /// Builds a layout without checking it.
    /// - Precondition: `size >= 0`, `alignment` is a power of two and
    ///   `size + alignment - 1 <= Int.max`.
    @inlinable
    public init(uncheckedSize size: Int, alignment: Int) {
        self.size = size
        self.alignment = alignment
    }

    /// The layout to free a block with when its own is not known (C's `free`
    /// and `realloc` pass it): size 0, alignment 1, which fits every block.
    /// `DebugHeap`, which otherwise wants a block's exact layout, accepts it.
    @inlinable
    public static var unknown: Layout { Layout(uncheckedSize: 0, alignment: 1) }

    /// The layout of one value of `T`. Never fails: the compiler already laid `T` out.
    @inlinable
    public static func of<T: ~Copyable>(_ type: T.Type) -> Layout {
        Layout(uncheckedSize: MemoryLayout<T>.size, alignment: MemoryLayout<T>.alignment)
    }

    /// The layout of `count` contiguous values of `T`, spaced by its stride.
    /// - Throws: `LayoutError.negativeSize` for a negative count,
    ///   `.sizeOverflow` when `count * stride` does not fit.
    @inlinable
    public static func array<T: ~Copyable>(of type: T.Type, count: Int) throws(LayoutError) -> Layout {
        guard count >= 0 else { throw .negativeSize }
        let (bytes, overflow) = MemoryLayout<T>.stride.multipliedReportingOverflow(by: count)
        guard !overflow else { throw .sizeOverflow }
        return try Layout(size: bytes, alignment: MemoryLayout<T>.alignment)
    }

    /// The size rounded up to a multiple of the alignment: the stride of an
    /// array of blocks with this layout. Cannot overflow (checked at init).
    @inlinable
    public var paddedSize: Int { (size &+ alignment &- 1) & ~(alignment &- 1) }

    /// The bytes needed after `address` to reach the next multiple of
    /// `alignment`, for any address (the top bit set too: RAM at 0x8000_0000 on
    /// a 32-bit board). Wrapping unsigned negation: the result is below the
    /// alignment, so it always fits an `Int`.
    @inlinable
    public func padding(after address: UInt) -> Int {
        Int(bitPattern: (0 &- address) & UInt(bitPattern: alignment &- 1))
    }

    /// The same size with a stricter alignment (the larger of the two).
    /// - Throws: `LayoutError` if the result would not be valid.
    @inlinable
    public func aligned(to newAlignment: Int) throws(LayoutError) -> Layout {
        try Layout(size: size, alignment: Swift.max(alignment, newAlignment))
    }
}
