extension DebugHeap where Base: ~Copyable {
    /// Blocks the program holds (allocated, not freed).
    public var liveBlockCount: Int { liveBlocks }
    /// Bytes the program asked for in the blocks it holds.
    public var liveByteCount: Int { liveBytes }
    /// Freed blocks still held back, poisoned.
    public var quarantinedBlockCount: Int { quarantineCount }
    /// The serial number of the latest allocation (0 before the first): a
    /// point to pass to `reportLeaks(since:)` later.
    public var latestSerial: Int { nextSerial &- 1 }

    /// Reports every live block allocated after `serial` as a leak (newest
    /// first) and returns how many there were. Does not stop the program:
    /// the caller decides what a leak means.
    /// - Complexity: O(live blocks).
    @discardableResult
    public func reportLeaks(since serial: Int = 0) -> Int {
        var leaks = 0
        var header = newestLive
        while header != 0 {
            let number = Int(bitPattern: Self.read(header, .serial))
            if number > serial {
                leaks &+= 1
                onReport(makeReport(.leak, address: payload(of: header), header: header))
            }
            header = Self.read(header, .next)
        }
        return leaks
    }

    /// Checks the poison of every quarantined block and returns them all to
    /// the wrapped allocator.
    public mutating func drainQuarantine() {
        while quarantineCount > 0 { evictOldest() }
    }

    // MARK: Finding the block a pointer names

    /// The header of the live block starting at `address`; otherwise reports
    /// what `address` is (double free, interior, misaligned, foreign) and
    /// stops or, with `continueAfterReport`, throws.
    mutating func blockHeader(of address: UInt) throws(AllocatorError) -> UInt {
        guard address % UInt(MemoryLayout<UInt>.alignment) == 0 else {
            return try refuse(.misalignedPointer, address: address, header: 0, error: .invalidPointer)
        }
        // Outside every payload ever handed out: never read through it.
        guard address >= lowestPayload, address <= highestPayloadEnd else {
            return try refuse(.foreignPointer, address: address, header: 0, error: .invalidPointer)
        }
        // SAFETY: address lies within the span of this heap's blocks, so the
        // words before it are inside the wrapped allocator's region (one
        // contiguous region: see the type's documentation).
        let header = header(of: address)
        switch Self.read(header, .magic) {
        case magic(Self.liveMagic, at: header):
            return header
        case magic(Self.freedMagic, at: header):
            return try refuse(.doubleFree, address: address, header: header, error: .doubleFree)
        default:
            if let containing = liveBlock(containing: address) {
                let offset = Int(address &- payload(of: containing))
                return try refuse(.interiorPointer(offset: offset), address: address, header: containing,
                                  error: .invalidPointer)
            }
            return try refuse(.foreignPointer, address: address, header: 0, error: .invalidPointer)
        }
    }

    /// Refuses a layout that is not the block's own: a different size, or a
    /// different alignment once both are rounded up to a word (the header
    /// keeps the rounded one). `Layout.unknown` is accepted.
    /// - Precondition: `header` is the header of a live block of this heap.
    mutating func checkLayout(_ layout: Layout, of header: UInt) throws(AllocatorError) {
        if layout == .unknown { return }
        let alignment = max(layout.alignment, MemoryLayout<UInt>.alignment)
        if UInt(bitPattern: layout.size) == Self.read(header, .size) && UInt(bitPattern: alignment) == Self.read(header, .alignment) {
            return
        }
        _ = try refuse(.layoutMismatch(size: layout.size, alignment: layout.alignment),
                       address: payload(of: header), header: header, error: .layoutMismatch)
    }

    /// The live block whose payload contains `address`, if any.
    /// - Complexity: O(live blocks).
    func liveBlock(containing address: UInt) -> UInt? {
        var header = newestLive
        while header != 0 {
            let start = payload(of: header)
            if address >= start && address < start &+ Self.read(header, .size) { return header }
            header = Self.read(header, .next)
        }
        return nil
    }

    // MARK: Reports

    /// - Precondition: `header` is 0 or the header of one of this heap's blocks.
    func makeReport(_ kind: DebugHeapReport.Kind, address: UInt, header: UInt) -> DebugHeapReport {
        DebugHeapReport(kind: kind, address: address,
                        serial: header == 0 ? 0 : Int(bitPattern: Self.read(header, .serial)),
                        size: header == 0 ? 0 : Int(Self.read(header, .size)),
                        liveBlocks: liveBlocks, liveBytes: liveBytes, quarantinedBlocks: quarantineCount)
    }

    /// Reports a finding, then stops unless `continueAfterReport`.
    /// - Precondition: as `makeReport`.
    func report(_ kind: DebugHeapReport.Kind, address: UInt, header: UInt) {
        onReport(makeReport(kind, address: address, header: header))
        if !continueAfterReport {
            stop()
            fatalError("DebugHeap: stop() returned")
        }
    }

    /// Reports a refused pointer and fails the call with `error`.
    func refuse(_ kind: DebugHeapReport.Kind, address: UInt, header: UInt, error: AllocatorError) throws(AllocatorError) -> UInt {
        report(kind, address: address, header: header)
        throw error
    }

    // MARK: Guards and poison

    /// Changed bytes in the front and rear guards of a block.
    /// - Precondition: `header` is the header of one of this heap's blocks
    ///   (live or quarantined): its guards lie inside the wrapped block.
    func damagedGuardBytes(_ header: UInt) -> (front: Int, rear: Int) {
        let payload = payload(of: header)
        let size = Self.read(header, .size)
        return (countDamaged(payload &- UInt(guardSize), count: guardSize, expected: Self.guardByte).bytes,
                countDamaged(payload &+ size, count: guardSize, expected: Self.guardByte).bytes)
    }

    /// Changed poison bytes in a freed block's payload, and the first one's offset.
    /// - Precondition: `header` is the header of a quarantined block.
    func damagedPoisonBytes(_ header: UInt) -> (bytes: Int, firstOffset: Int) {
        countDamaged(payload(of: header), count: Int(Self.read(header, .size)), expected: Self.poisonByte)
    }

    /// Reports damaged guards (underflow first), going on afterwards only
    /// when `continueAfterReport`; a reported guard is then repaired, so
    /// the same damage is not reported again when the block leaves
    /// quarantine (only new damage is).
    /// - Precondition: as `damagedGuardBytes`.
    func checkGuards(_ header: UInt) {
        let (front, rear) = damagedGuardBytes(header)
        let payload = payload(of: header)
        if front > 0 {
            report(.underflow(bytes: front), address: payload, header: header)
            fill(payload &- UInt(guardSize), count: guardSize, with: Self.guardByte)
        }
        if rear > 0 {
            report(.overflow(bytes: rear), address: payload, header: header)
            fill(payload &+ Self.read(header, .size), count: guardSize, with: Self.guardByte)
        }
    }

    /// The oldest quarantined block leaves: its poison and guards are
    /// checked, then it goes back to the wrapped allocator.
    /// - Precondition: the quarantine holds at least one block.
    mutating func evictOldest() {
        // SAFETY: quarantineHead < quarantineCapacity, the ring's length.
        let header = quarantine[quarantineHead]
        quarantineHead = (quarantineHead &+ 1) % quarantineCapacity
        quarantineCount &-= 1
        let (bytes, offset) = damagedPoisonBytes(header)
        if bytes > 0 {
            report(.writeAfterFree(bytes: bytes, offset: offset), address: payload(of: header), header: header)
        }
        checkGuards(header)
        release(header)
    }

    /// Gives a freed block back to the wrapped allocator.
    /// - Precondition: `header` is the header of a block of this heap that
    ///   is no longer live and not in the quarantine ring.
    mutating func release(_ header: UInt) {
        let block = UnsafeMutableRawPointer(bitPattern: Self.read(header, .baseBlock)).unsafelyUnwrapped
        let alignment = Int(Self.read(header, .alignment))
        let size = Int(Self.read(header, .size))
        let prefix = Int(alignUp(UInt(Self.headerSize &+ guardSize), to: UInt(alignment)))
        // SAFETY: the block came from base.allocate with exactly this layout
        // (allocate computed the same prefix) and was not returned since.
        try? base.deallocate(block, layout: Layout(uncheckedSize: prefix &+ size &+ guardSize, alignment: alignment))
    }

    /// Writes `count` copies of `byte` at `address`.
    /// - Precondition: the range lies inside one of this heap's blocks.
    func fill(_ address: UInt, count: Int, with byte: UInt8) {
        guard count > 0 else { return }
        // SAFETY: callers pass a range inside one of this heap's blocks.
        UnsafeMutableRawPointer(bitPattern: address).unsafelyUnwrapped.initializeMemory(
            as: UInt8.self, repeating: byte, count: count)
    }

    /// Bytes in the range that are not `expected`, and the first one's offset.
    /// - Precondition: the range lies inside one of this heap's blocks.
    func countDamaged(_ address: UInt, count: Int, expected: UInt8) -> (bytes: Int, firstOffset: Int) {
        guard count > 0 else { return (0, 0) }
        // SAFETY: callers pass a range inside one of this heap's blocks.
        let bytes = UnsafeRawPointer(bitPattern: address).unsafelyUnwrapped
        var damaged = 0, first = -1
        for i in 0..<count where bytes.load(fromByteOffset: i, as: UInt8.self) != expected {
            damaged &+= 1
            if first < 0 { first = i }
        }
        return (damaged, max(first, 0))
    }

    // MARK: The live list

    /// Puts a new block at the head of the live list.
    /// - Precondition: `header` is a freshly written header, not yet on the list.
    mutating func linkLive(_ header: UInt) {
        Self.write(header, .previous, 0)
        Self.write(header, .next, newestLive)
        if newestLive != 0 { Self.write(newestLive, .previous, header) }
        newestLive = header
    }

    /// Takes a block off the live list.
    /// - Precondition: `header` is on the live list (its magic says live).
    mutating func unlinkLive(_ header: UInt) {
        let previous = Self.read(header, .previous), next = Self.read(header, .next)
        if previous != 0 { Self.write(previous, .next, next) } else { newestLive = next }
        if next != 0 { Self.write(next, .previous, previous) }
    }
}
