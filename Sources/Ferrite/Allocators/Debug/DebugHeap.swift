/// A checking wrapper around any Ferrite allocator: the heap to run while
/// hunting memory bugs that the compiler could not rule out.
///
/// Every block is laid out inside a larger block of the wrapped allocator:
///
///     [padding][header: 8 words][front guard][payload ...][rear guard]
///
/// - **Guards**: `guardSize` bytes of `guardByte` on both sides of the
///   payload, checked when the block is freed and by `validate()`; a changed
///   byte is an overflow (rear) or underflow (front), reported with how many
///   bytes were hit.
/// - **Poison and quarantine**: a freed payload is filled with `poisonByte`
///   and held back from the wrapped allocator for the next
///   `quarantineCapacity` frees; when it leaves, its poison is checked, so a
///   write through a dangling pointer is found and reported.
/// - **Pointer checks**: a second free of a quarantined block, a free of a
///   pointer into the middle of a live block, of a misaligned pointer or of
///   one this heap never handed out are each reported and refused.
/// - **Layout checks**: a free or reallocate must pass the block's exact
///   layout (or `Layout.unknown`, what C's `free` passes); another one is
///   reported and refused (`.layoutMismatch`).
/// - **Numbering and leaks**: each allocation gets a serial number (reports
///   say "block #1234, 48 bytes"); `reportLeaks(since:)` lists the blocks
///   still live that were allocated after a chosen point.
///
/// A finding is passed to `onReport` (one line plus the heap state, see
/// `DebugHeapReport.write(to:)`); then `stop` runs, unless
/// `continueAfterReport` is set. Then what happens depends on what was found:
/// - a bad call (double free, interior, misaligned or foreign pointer, wrong
///   layout): the call fails with `.doubleFree`/`.invalidPointer`/
///   `.layoutMismatch` and the heap carries on unchanged;
/// - damage found in a valid block (guards overwritten, found on free or
///   when it leaves quarantine; poison overwritten, found when it leaves
///   quarantine): the operation goes on and succeeds, since the pointer and
///   layout are right and the damage was done earlier; a damaged guard is
///   repaired once reported, so it is reported once;
/// - a leak (`reportLeaks`) is only reported.
///
/// Limits: a pointer is recognised by reading the header words just below
/// it, so the wrapped allocator must manage **one contiguous region** (a
/// pointer between its lowest and highest blocks must be readable memory).
/// A read after free is not caught (only writes, when the block leaves
/// quarantine: `make asan` catches reads); once a block has left quarantine,
/// the wrapped allocator may overwrite its header with its own links, and a
/// later free of it is reported as a foreign pointer rather than a double free.
///
/// - Precondition: the wrapped allocator manages one contiguous region.
/// - Complexity: allocation O(1) plus the wrapped allocator's cost and the
///   guard and pattern fills (O(size)); free O(size) for poisoning, plus
///   O(live blocks) only for a pointer that is not a block start.
public struct DebugHeap<Base: Allocator & ~Copyable>: ~Copyable {
    /// The wrapped allocator: every block of this heap is one of its blocks.
    var base: Base

    /// Receives each finding. Firmware prints it on the console, hosted code on stderr.
    public var onReport: (DebugHeapReport) -> Void
    /// Runs after a report unless `continueAfterReport`; expected not to
    /// return (firmware exits with a failure status). If it returns, the
    /// debug heap traps.
    public var stop: () -> Void
    /// When set, a finding is reported and the program goes on instead of
    /// stopping: a bad call fails with its error, changing nothing; damage
    /// found in a valid block (guards, poison) or a leak does not fail the
    /// operation (see the type's documentation).
    public var continueAfterReport: Bool

    /// Bytes of guard on each side of a payload.
    public let guardSize: Int
    /// Blocks kept poisoned after free before they go back to `base`.
    public let quarantineCapacity: Int

    public static var guardByte: UInt8 { 0xFD }
    public static var poisonByte: UInt8 { 0xDD }
    /// What a fresh payload holds: not zero, so reads of uninitialised memory stand out.
    public static var freshByte: UInt8 { 0xCD }

    /// Ring of the quarantined blocks' header addresses, oldest at
    /// `quarantineHead`. Invariant: the `quarantineCount` entries from the head
    /// (wrapping) are headers marked `freedMagic`, each poisoned since its free.
    let quarantine: UnsafeMutablePointer<UInt>
    var quarantineHead = 0
    var quarantineCount = 0

    /// The most recently allocated live block's header, 0 when none.
    /// Invariant: the live list, linked through the headers' `previous`/`next`
    /// words, holds exactly the blocks marked `liveMagic`; `liveBlocks` and
    /// `liveBytes` count them and their requested sizes.
    var newestLive: UInt = 0
    var liveBlocks = 0
    var liveBytes = 0
    /// The next allocation's serial number (the first is 1). It wraps (to
    /// negative numbers in reports) after `Int.max` allocations, which a
    /// 32-bit board can reach in a long run; nothing depends on its order
    /// except `reportLeaks(since:)`.
    var nextSerial = 1
    /// The lowest and highest payload addresses ever handed out: a pointer
    /// outside them cannot be this heap's, and is never read through.
    var lowestPayload = UInt.max
    var highestPayloadEnd: UInt = 0

    /// Wraps `base`, taking the quarantine ring from it.
    /// - Throws: the error of that one allocation (`base` is then dropped).
    public init(wrapping base: consuming Base, guardSize: Int = 16, quarantineCapacity: Int = 64,
                continueAfterReport: Bool = false,
                onReport: @escaping (DebugHeapReport) -> Void,
                stop: @escaping () -> Void) throws(AllocatorError) {
        precondition(guardSize >= 0 && guardSize % MemoryLayout<UInt>.size == 0, "guard size must be whole words")
        precondition(quarantineCapacity >= 0 && quarantineCapacity <= Int.max / MemoryLayout<UInt>.stride,
                     "quarantine capacity out of range")
        let ring = try base.allocate(Layout(uncheckedSize: max(quarantineCapacity, 1) &* MemoryLayout<UInt>.stride,
                                            alignment: MemoryLayout<UInt>.alignment))
        // SAFETY: the block is ours and large enough for the ring's words.
        self.quarantine = ring.bindMemory(to: UInt.self, capacity: max(quarantineCapacity, 1))
        self.base = base
        self.guardSize = guardSize
        self.quarantineCapacity = quarantineCapacity
        self.continueAfterReport = continueAfterReport
        self.onReport = onReport
        self.stop = stop
    }

    // MARK: Block header (words before the front guard)

    static var liveMagic: UInt { UInt(truncatingIfNeeded: 0xA110_CA7E_D0B1_0C4B as UInt64) }
    static var freedMagic: UInt { UInt(truncatingIfNeeded: 0xF4EE_D0B1_0C4B_DEAD as UInt64) }
    /// Seven words used (`Field`) and one of padding, so the header plus a
    /// guard stays a multiple of 16 bytes on 64-bit targets.
    static var headerWords: Int { 8 }

    /// What a header's magic word holds for `state` (`liveMagic` or
    /// `freedMagic`): mixed with the header's own address and this heap's
    /// quarantine ring address, so a block of another debug heap (a nested
    /// one, say) or a copied header never passes for one of this heap's.
    func magic(_ state: UInt, at header: UInt) -> UInt {
        state ^ header ^ UInt(bitPattern: quarantine)
    }
    static var headerSize: Int { headerWords &* MemoryLayout<UInt>.size }

    /// Header word indices.
    enum Field: Int {
        case magic = 0, serial, size, baseBlock, alignment, previous, next
    }

    /// The header of the block whose payload is at `payload`.
    func header(of payload: UInt) -> UInt { payload &- UInt(guardSize) &- UInt(Self.headerSize) }
    func payload(of header: UInt) -> UInt { header &+ UInt(Self.headerSize) &+ UInt(guardSize) }

    /// - Precondition: `header` is the header of a block of this heap.
    static func read(_ header: UInt, _ field: Field) -> UInt {
        // SAFETY: the caller's precondition: a header lies in memory this heap owns.
        loadWord(header &+ UInt(field.rawValue &* MemoryLayout<UInt>.size))
    }

    /// - Precondition: `header` is the header of a block of this heap.
    static func write(_ header: UInt, _ field: Field, _ value: UInt) {
        // SAFETY: the caller's precondition: a header lies in memory this heap owns.
        storeWord(header &+ UInt(field.rawValue &* MemoryLayout<UInt>.size), value)
    }
}
