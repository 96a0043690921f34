/// One block as a walk of the heap sees it, in address order: what a heap
/// map draws.
public struct HeapBlock: Equatable, Sendable {
    public enum Kind: UInt8, Sendable {
        /// Handed out and not freed.
        case used
        /// Free for the allocator to hand out.
        case free
        /// Freed, but not reusable until the allocator is reset (a bump
        /// allocator's out-of-order frees).
        case stranded
    }

    /// The block's first byte, its header included.
    public var address: UInt
    /// The whole block's bytes, header included.
    public var size: Int
    public var kind: Kind
    /// Bytes of bookkeeping in the block (header, trailer) that the caller never sees.
    public var overhead: Int
    /// Bytes of guards around the payload (a debug heap's), half before it
    /// and half after; 0 for the plain allocators.
    public var guardBytes: Int

    public init(address: UInt, size: Int, kind: Kind, overhead: Int, guardBytes: Int = 0) {
        self.address = address
        self.size = size
        self.kind = kind
        self.overhead = overhead
        self.guardBytes = guardBytes
    }
}

/// An allocator whose blocks can be listed in address order, for heap maps
/// and fragmentation figures.
public protocol HeapWalkable: Allocator, ~Copyable {
    /// Calls `body` with every block, in address order within each region.
    /// - Complexity: O(blocks).
    func walkBlocks(_ body: (HeapBlock) -> Void)
}

extension HeapWalkable where Self: ~Copyable {
    /// The largest free block over all free bytes (1 when there is no free
    /// byte, or all of it is one block): 1 - fragmentation.
    /// - Complexity: O(blocks).
    public func largestFreeShare() -> Double {
        var largest = 0, total = 0
        walkBlocks { block in
            guard block.kind == .free else { return }
            largest = Swift.max(largest, block.size)
            total &+= block.size
        }
        return total == 0 ? 1 : Double(largest) / Double(total)
    }
}

/// The heap map's text form, which the firmware prints on its console and
/// the hosted `FerriteBench --heap-map-text` turns into a picture:
///
///     heapmap <label> <first address, hex> <end address, hex> <blocks>
///     U <offset> <size> <overhead> <guard bytes>     (used; F = free, S = stranded; decimal)
///     ...
///     end heapmap
///
/// Offsets are from the first address. Written without allocating.
public enum HeapMapText {
    /// Writes `heap`'s map.
    /// - Complexity: O(blocks).
    public static func write<A: HeapWalkable & ~Copyable>(_ heap: borrowing A, label: StaticString,
                                                          to output: (UInt8) -> Void) {
        var first = UInt.max, end: UInt = 0, blocks = 0
        heap.walkBlocks { block in
            first = Swift.min(first, block.address)
            end = Swift.max(end, block.address &+ UInt(block.size))
            blocks &+= 1
        }
        if blocks == 0 { first = 0 }
        do {
            let out = ReportText.self
            out.text("heapmap ", output); out.text(label, output); out.text(" ", output); out.hex(first, output); out.text(" ", output); out.hex(end, output)
            out.text(" ", output); out.decimal(blocks, output); out.text("\n", output)
            heap.walkBlocks { block in
                switch block.kind {
                case .used: out.text("U ", output)
                case .free: out.text("F ", output)
                case .stranded: out.text("S ", output)
                }
                out.decimal(Int(block.address &- first), output); out.text(" ", output)
                out.decimal(block.size, output); out.text(" ", output)
                out.decimal(block.overhead, output); out.text(" ", output)
                out.decimal(block.guardBytes, output); out.text("\n", output)
            }
            out.text("end heapmap\n", output)
        }
    }
}
