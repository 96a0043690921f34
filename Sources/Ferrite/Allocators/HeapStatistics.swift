/// A snapshot of an allocator's counters.
///
/// Byte counts are in whole blocks as the allocator sees them (payload plus
/// header and rounding), so `bytesInUse + bytesFree` is the managed capacity.
public struct HeapStatistics: Equatable, Sendable {
    /// Bytes of blocks handed out and not yet freed, headers included.
    public var bytesInUse: Int = 0
    /// Bytes the allocator could still hand out, headers included.
    public var bytesFree: Int = 0
    /// The highest `bytesInUse` has been.
    public var peakBytesInUse: Int = 0
    /// The largest `size` one allocation can get now, at an alignment up to a
    /// word: `allocate(Layout(size: largestAllocation, alignment: 8))` succeeds
    /// and one byte more fails (0 also when not even a zero-size request
    /// would succeed). In request bytes, not block bytes: the header (and
    /// what a size class's search cannot reach, on TLSF) is left out.
    public var largestAllocation: Int = 0
    /// Blocks handed out and not yet freed.
    public var liveAllocations: Int = 0
    /// Allocation requests that failed for lack of memory or limit.
    public var failedAllocations: Int = 0

    public init() {}

    /// Records a block of `bytes` handed out.
    @inlinable
    public mutating func recordAllocation(bytes: Int) {
        bytesInUse &+= bytes
        bytesFree &-= bytes
        liveAllocations &+= 1
        if bytesInUse > peakBytesInUse { peakBytesInUse = bytesInUse }
    }

    /// Records a block of `bytes` given back.
    @inlinable
    public mutating func recordDeallocation(bytes: Int) {
        bytesInUse &-= bytes
        bytesFree &+= bytes
        liveAllocations &-= 1
    }
}
