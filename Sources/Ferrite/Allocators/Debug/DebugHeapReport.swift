/// One finding of a `DebugHeap`: what went wrong, with which block, and the
/// state of the heap when it was found. Printable without allocating
/// (`write(to:)`), so a report can be made when the heap itself is suspect.
public struct DebugHeapReport: Equatable, Sendable {
    /// What the debug heap found.
    public enum Kind: Equatable, Sendable {
        /// Bytes after the end of a block were overwritten: `bytes` of the
        /// rear guard changed (a buffer overflow).
        case overflow(bytes: Int)
        /// Bytes before the start of a block were overwritten: `bytes` of the
        /// front guard changed (a buffer underflow).
        case underflow(bytes: Int)
        /// A freed block was written while in quarantine: `bytes` of its
        /// poison changed, the first at `offset` (a use after free).
        case writeAfterFree(bytes: Int, offset: Int)
        /// A block was freed a second time.
        case doubleFree
        /// A pointer inside a live block, `offset` bytes from its start, was freed.
        case interiorPointer(offset: Int)
        /// A pointer this heap never handed out was freed.
        case foreignPointer
        /// A pointer not aligned to a word was freed.
        case misalignedPointer
        /// A live block was freed or resized with a layout that is not its
        /// own: `size` bytes aligned to `alignment`, as given.
        case layoutMismatch(size: Int, alignment: Int)
        /// A block still live at a leak check.
        case leak
    }

    public var kind: Kind
    /// The address handed to or by the caller.
    public var address: UInt
    /// The block's number (the n-th allocation of this heap, from 1), or 0 when unknown.
    public var serial: Int
    /// The size the block was asked for, or 0 when unknown.
    public var size: Int
    /// The heap's state when the report was made.
    public var liveBlocks: Int
    public var liveBytes: Int
    public var quarantinedBlocks: Int

    public init(kind: Kind, address: UInt, serial: Int, size: Int,
                liveBlocks: Int, liveBytes: Int, quarantinedBlocks: Int) {
        self.kind = kind
        self.address = address
        self.serial = serial
        self.size = size
        self.liveBlocks = liveBlocks
        self.liveBytes = liveBytes
        self.quarantinedBlocks = quarantinedBlocks
    }

    /// A short fixed name for the kind, for reports and tests.
    public var title: StaticString {
        switch kind {
        case .overflow: "buffer overflow"
        case .underflow: "buffer underflow"
        case .writeAfterFree: "use after free (write to a freed block)"
        case .doubleFree: "double free"
        case .interiorPointer: "free of an interior pointer"
        case .foreignPointer: "free of a pointer this heap never handed out"
        case .misalignedPointer: "free of a misaligned pointer"
        case .layoutMismatch: "free with a layout that is not the block's"
        case .leak: "leak"
        }
    }

    /// Writes the report as one line, then the heap state on a second, e.g.
    /// `debug heap: buffer overflow: block #1234, 48 bytes at 0x1000: 3 bytes past its end overwritten`.
    /// - Complexity: O(1); allocates nothing.
    public func write(to output: (UInt8) -> Void) {
        let out = ReportText.self
        out.text("debug heap: ", output)
        out.text(title, output)
        out.text(": ", output)
        if serial != 0 {
            out.text("block #", output); out.decimal(serial, output)
            out.text(", ", output); out.decimal(size, output); out.text(" bytes at ", output)
        } else {
            out.text("address ", output)
        }
        out.hex(address, output)
        switch kind {
        case .overflow(let bytes):
            out.text(": ", output); out.decimal(bytes, output); out.text(" bytes past its end overwritten", output)
        case .underflow(let bytes):
            out.text(": ", output); out.decimal(bytes, output); out.text(" bytes before its start overwritten", output)
        case .writeAfterFree(let bytes, let offset):
            out.text(": ", output); out.decimal(bytes, output); out.text(" bytes written after free, the first at offset ", output)
            out.decimal(offset, output)
        case .doubleFree:
            out.text(": already freed", output)
        case .interiorPointer(let offset):
            out.text(": the pointer is ", output); out.decimal(offset, output); out.text(" bytes into the block", output)
        case .layoutMismatch(let size, let alignment):
            out.text(": given as ", output); out.decimal(size, output); out.text(" bytes aligned to ", output)
            out.decimal(alignment, output)
        case .foreignPointer, .misalignedPointer, .leak:
            break
        }
        out.text("\n  heap: ", output); out.decimal(liveBlocks, output); out.text(" live blocks, ", output)
        out.decimal(liveBytes, output); out.text(" bytes; ", output); out.decimal(quarantinedBlocks, output)
        out.text(" blocks in quarantine\n", output)
    }
}
