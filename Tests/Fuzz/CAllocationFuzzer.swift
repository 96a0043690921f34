#if canImport(Glibc)
import Glibc
#endif

/// Runs one fuzz input through the C allocation ABI over each heap the
/// runtime can be built with (TLSF, free list, bump), one after the other on
/// the same region.
func fuzzCAllocation(_ data: UnsafeRawBufferPointer, region: UnsafeMutableRawBufferPointer) {
    var tlsf = TLSFAllocator(unsafeRegion: region)
    fuzzCAllocation(&tlsf, data, region: region)
    var freeList = FreeListAllocator(unsafeRegion: region)
    fuzzCAllocation(&freeList, data, region: region)
    var bump = BumpAllocator(unsafeRegion: region)
    fuzzCAllocation(&bump, data, region: region, returnsEverything: false)
}

/// Runs one fuzz input through the C allocation ABI (`CAllocation`) over
/// `heap`: malloc, calloc (with overflowing products), realloc (with NULL and
/// 0), posix_memalign and aligned_alloc (with bad alignments), and free (with
/// NULL). Each result is checked against C's rules, and a realloc'd block
/// against the alignment it was allocated with.
func fuzzCAllocation<A: Allocator & ~Copyable>(_ heap: inout A, _ data: UnsafeRawBufferPointer,
                                               region: UnsafeMutableRawBufferPointer, returnsEverything: Bool = true) {
    var input = FuzzInput(bytes: data)
    var live: [LiveBlock] = []
    var step = 0
    while !input.isEmpty && step < 4096 {
        step += 1
        operationsFuzzed += 1
        switch input.byte() % 6 {
        case 0:
            let size = input.size()
            if let p = CAllocation.malloc(&heap, size: size) {
                live.append(LiveBlock(pointer: p, size: size, alignment: CAllocation.fundamentalAlignment, fill: UInt8(truncatingIfNeeded: step)))
                live[live.count - 1].paint()
            }
        case 1:
            let count = Int(input.byte()) << (Int(input.byte()) % 64), size = input.size()
            let product = count.multipliedReportingOverflow(by: size)
            let p = CAllocation.calloc(&heap, count: count, size: size)
            if product.overflow && p != nil { fuzzFailure("calloc(\(count), \(size)) overflowed but returned a block", step) }
            if let p {
                for i in 0..<product.partialValue where p.load(fromByteOffset: i, as: UInt8.self) != 0 {
                    fuzzFailure("calloc memory not zeroed at \(i)", step)
                }
                live.append(LiveBlock(pointer: p, size: product.partialValue, alignment: CAllocation.fundamentalAlignment, fill: 0))
            }
        case 2:
            guard !live.isEmpty else { _ = CAllocation.free(&heap, nil); continue }
            let block = live.remove(at: Int(input.byte()) % live.count)
            block.check(step)
            if let error = CAllocation.free(&heap, block.pointer) { fuzzFailure("free of a live block: \(error)", step) }
        case 3:
            let newSize = input.size()
            if live.isEmpty || input.byte() & 7 == 0 {
                if let p = CAllocation.realloc(&heap, nil, size: newSize).pointer {   // realloc(NULL, n) is malloc(n)
                    live.append(LiveBlock(pointer: p, size: newSize, alignment: CAllocation.fundamentalAlignment, fill: UInt8(truncatingIfNeeded: step)))
                    live[live.count - 1].paint()
                }
                continue
            }
            let index = Int(input.byte()) % live.count
            let block = live[index]
            let (q, error) = CAllocation.realloc(&heap, block.pointer, size: newSize)
            if let error { fuzzFailure("realloc of a live block: \(error)", step) }
            guard let q else { block.check(step); continue }   // failure leaves the block alone
            if Int(bitPattern: q) % block.alignment != 0 { fuzzFailure("realloc lost the \(block.alignment)-byte alignment", step) }
            LiveBlock(pointer: q, size: min(block.size, newSize), alignment: 1, fill: block.fill).check(step)
            live[index] = LiveBlock(pointer: q, size: newSize, alignment: block.alignment, fill: block.fill)
            live[index].paint()
        case 4:
            let alignment = Int(input.byte()) << (Int(input.byte()) % 8), size = input.size()
            var out: UnsafeMutableRawPointer? = nil
            let status = CAllocation.posixMemalign(&heap, &out, alignment: alignment, size: size)
            let valid = alignment > 0 && alignment & (alignment - 1) == 0 && alignment >= MemoryLayout<UnsafeRawPointer>.size
            if !valid && status != EINVAL { fuzzFailure("posix_memalign(\(alignment)) must be EINVAL, was \(status)", step) }
            if status == 0, let out {
                if Int(bitPattern: out) % alignment != 0 { fuzzFailure("posix_memalign misaligned", step) }
                live.append(LiveBlock(pointer: out, size: size, alignment: alignment, fill: UInt8(truncatingIfNeeded: step)))
                live[live.count - 1].paint()
            } else if out != nil {
                fuzzFailure("posix_memalign wrote the result on failure", step)
            }
        default:
            let alignment = Int(input.byte()) << (Int(input.byte()) % 8), size = input.size()
            let p = CAllocation.alignedAlloc(&heap, alignment: alignment, size: size)
            let valid = alignment > 0 && alignment & (alignment - 1) == 0
            if !valid && p != nil { fuzzFailure("aligned_alloc(\(alignment)) must fail", step) }
            if let p {
                if Int(bitPattern: p) % alignment != 0 { fuzzFailure("aligned_alloc misaligned", step) }
                live.append(LiveBlock(pointer: p, size: size, alignment: alignment, fill: UInt8(truncatingIfNeeded: step)))
                live[live.count - 1].paint()
            }
        }
        if let violation = heap.validate() {
            fuzzFailure("validate(): \(violation.ruleName) at \(violation.address)", step)
        }
    }
    for block in live { block.check(step); _ = CAllocation.free(&heap, block.pointer) }
    if heap.validate() != nil || heap.statistics.liveAllocations != 0 { fuzzFailure("heap not valid and empty at the end", step) }
    // A bump allocator keeps what was freed out of order.
    if returnsEverything && heap.statistics.bytesInUse != 0 { fuzzFailure("bytes still in use after freeing everything", step) }
}
