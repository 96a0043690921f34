extension DebugHeap: Allocator where Base: ~Copyable {
    /// Allocates a numbered block with guards on both sides; the payload
    /// holds `freshByte` until written.
    /// - Throws: the wrapped allocator's exhaustion errors, or `.outOfMemory`
    ///   when the size plus the debug overhead does not fit in an `Int`.
    public mutating func allocate(_ layout: Layout) throws(AllocatorError) -> UnsafeMutableRawPointer {
        guard layout.size >= 0 else { throw .outOfMemory }
        let alignment = max(layout.alignment, MemoryLayout<UInt>.alignment)
        let prefix = Int(alignUp(UInt(Self.headerSize &+ guardSize), to: UInt(alignment)))
        let (withPrefix, overflow1) = layout.size.addingReportingOverflow(prefix)
        let (total, overflow2) = withPrefix.addingReportingOverflow(guardSize)
        guard !overflow1, !overflow2, total <= Int.max &- (alignment &- 1) else { throw .outOfMemory }
        let block = try base.allocate(Layout(uncheckedSize: total, alignment: alignment))
        let payload = UInt(bitPattern: block) &+ UInt(prefix)
        let header = header(of: payload)
        // SAFETY: [block, block + total) is ours now; header, guards and
        // payload lie inside it (prefix >= header + front guard).
        Self.write(header, .magic, magic(Self.liveMagic, at: header))
        Self.write(header, .serial, UInt(bitPattern: nextSerial))
        Self.write(header, .size, UInt(layout.size))
        Self.write(header, .baseBlock, UInt(bitPattern: block))
        Self.write(header, .alignment, UInt(alignment))
        linkLive(header)
        fill(payload &- UInt(guardSize), count: guardSize, with: Self.guardByte)
        fill(payload, count: layout.size, with: Self.freshByte)
        fill(payload &+ UInt(layout.size), count: guardSize, with: Self.guardByte)
        nextSerial &+= 1
        liveBlocks &+= 1
        liveBytes &+= layout.size
        lowestPayload = min(lowestPayload, payload)
        highestPayloadEnd = max(highestPayloadEnd, payload &+ UInt(layout.size))
        return UnsafeMutableRawPointer(bitPattern: payload).unsafelyUnwrapped
    }

    /// Checks the block's guards, poisons it and puts it in quarantine; the
    /// oldest quarantined block, once the quarantine is full, has its poison
    /// checked and goes back to the wrapped allocator. Damaged guards or
    /// poison are reported but, under `continueAfterReport`, do not fail the
    /// free: the block is freed all the same.
    /// - Parameter layout: the block's exact layout (alignments below a word
    ///   count as a word), or `Layout.unknown`.
    /// - Throws: `.doubleFree`, `.invalidPointer` or `.layoutMismatch` (after
    ///   reporting, the heap unchanged) when `continueAfterReport` is set;
    ///   otherwise such a call stops the program.
    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, layout: Layout) throws(AllocatorError) {
        let header = try blockHeader(of: UInt(bitPattern: pointer))
        try checkLayout(layout, of: header)
        checkGuards(header)
        unlinkLive(header)
        let size = Int(Self.read(header, .size))
        liveBlocks &-= 1
        liveBytes &-= size
        Self.write(header, .magic, magic(Self.freedMagic, at: header))
        fill(payload(of: header), count: size, with: Self.poisonByte)
        guard quarantineCapacity > 0 else { release(header); return }
        if quarantineCount == quarantineCapacity { evictOldest() }
        // SAFETY: the index is taken modulo the ring's length.
        quarantine[(quarantineHead &+ quarantineCount) % quarantineCapacity] = header
        quarantineCount &+= 1
    }

    /// Always moves the block (a new one, then a free of the old), so a
    /// stale pointer to the old block is caught by its poison.
    /// - Throws: as `deallocate` for a bad pointer or `oldLayout`, or the
    ///   wrapped allocator's exhaustion errors.
    public mutating func reallocate(_ pointer: UnsafeMutableRawPointer, from oldLayout: Layout, toSize newSize: Int)
        throws(AllocatorError) -> UnsafeMutableRawPointer {
        let header = try blockHeader(of: UInt(bitPattern: pointer))
        try checkLayout(oldLayout, of: header)
        let oldSize = Int(Self.read(header, .size))
        let alignment = Int(Self.read(header, .alignment))
        guard newSize >= 0 else { throw .outOfMemory }
        let moved = try allocate(Layout(uncheckedSize: newSize, alignment: max(alignment, oldLayout.alignment)))
        // SAFETY: both blocks are live and distinct; min(old, new) bytes fit in each.
        moved.copyMemory(from: pointer, byteCount: min(oldSize, newSize))
        try deallocate(pointer, layout: oldLayout)
        return moved
    }

    /// The size the block was asked for: the debug heap hands out no slack,
    /// so even a one-byte overrun hits the guard.
    /// - Precondition: `pointer` is a live block of this heap (its header is read unchecked).
    public func usableSize(of pointer: UnsafeMutableRawPointer) -> Int {
        Int(Self.read(header(of: UInt(bitPattern: pointer)), .size))
    }

    /// The wrapped allocator's counters, whose byte figures include the
    /// debug overhead, the quarantine ring and the quarantined blocks; but
    /// `liveAllocations` counts the blocks the program holds (`liveByteCount`
    /// their requested bytes), and `largestAllocation` leaves out the
    /// header and guards a block of this heap adds.
    public var statistics: HeapStatistics {
        var counters = base.statistics
        counters.liveAllocations = liveBlocks
        // What `allocate` adds to a word-aligned request (its prefix and rear guard).
        let overhead = Int(alignUp(UInt(Self.headerSize &+ guardSize), to: UInt(MemoryLayout<UInt>.alignment))) &+ guardSize
        counters.largestAllocation = Swift.max(0, counters.largestAllocation &- overhead)
        return counters
    }

    /// The wrapped allocator's own check, then every live block's header and
    /// guards and every quarantined block's poison.
    /// - Complexity: O(blocks + bytes of live guards and quarantined payloads).
    public func validate() -> HeapViolation? {
        if let violation = base.validate() { return violation }
        var header = newestLive
        var walked = 0
        while header != 0 && walked <= liveBlocks {
            if Self.read(header, .magic) != magic(Self.liveMagic, at: header) {
                return HeapViolation(.debugHeaderDamaged, at: header)
            }
            let (front, rear) = damagedGuardBytes(header)
            if front + rear > 0 { return HeapViolation(.guardDamaged, at: payload(of: header), value: front + rear) }
            walked &+= 1
            header = Self.read(header, .next)
        }
        if walked != liveBlocks { return HeapViolation(.statisticsMismatch, at: 0, value: walked) }
        for i in 0..<quarantineCount {
            let quarantined = quarantine[(quarantineHead &+ i) % max(quarantineCapacity, 1)]
            let (bytes, _) = damagedPoisonBytes(quarantined)
            if bytes > 0 { return HeapViolation(.poisonDamaged, at: payload(of: quarantined), value: bytes) }
        }
        return nil
    }
}
