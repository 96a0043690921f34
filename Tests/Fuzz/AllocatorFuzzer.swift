/// Runs one fuzz input against an allocator: each operation is decoded from
/// the bytes (allocate, free, reallocate, over-aligned allocate), every block
/// carries a fill pattern checked before it is touched, and `validate()`
/// runs after every operation. Anything wrong stops the process.
func fuzzAllocator<A: Allocator & ~Copyable>(_ heap: inout A, _ data: UnsafeRawBufferPointer,
                                              region: UnsafeMutableRawBufferPointer, returnsEverything: Bool = true) {
    var input = FuzzInput(bytes: data)
    var live: [LiveBlock] = []
    let lo = UInt(bitPattern: region.baseAddress), hi = lo + UInt(region.count)
    var step = 0
    while !input.isEmpty && step < 4096 {
        step += 1
        operationsFuzzed += 1
        let op = input.byte() % 4
        switch op {
        case 0, 3:
            let size = input.size()
            let alignment = 1 << Int(input.byte() % (op == 3 ? 13 : 5))
            guard let layout = try? Layout(size: size, alignment: alignment) else { continue }
            guard let p = try? heap.allocate(layout) else { continue }
            let address = UInt(bitPattern: p)
            if address < lo || address + UInt(size) > hi { fuzzFailure("block \(p) outside the region", step) }
            if address % UInt(alignment) != 0 { fuzzFailure("block \(p) not aligned to \(alignment)", step) }
            if heap.usableSize(of: p) < size { fuzzFailure("usable size below the request", step) }
            for other in live {
                let b = UInt(bitPattern: other.pointer)
                if address < b + UInt(max(other.size, 1)) && b < address + UInt(max(size, 1)) {
                    fuzzFailure("blocks \(p) and \(other.pointer) overlap", step)
                }
            }
            let block = LiveBlock(pointer: p, size: size, alignment: alignment, fill: UInt8(truncatingIfNeeded: step | 1))
            block.paint()
            live.append(block)
        case 1:
            guard !live.isEmpty else { continue }
            let index = Int(input.byte()) % live.count
            let block = live.remove(at: index)
            block.check(step)
            do throws(AllocatorError) {
                try heap.deallocate(block.pointer, layout: Layout(uncheckedSize: block.size, alignment: block.alignment))
            } catch {
                fuzzFailure("free of a live block threw \(error)", step)
            }
        default:
            guard !live.isEmpty else { continue }
            let index = Int(input.byte()) % live.count
            let block = live[index]
            block.check(step)
            let newSize = input.size()
            guard let q = try? heap.reallocate(block.pointer, from: Layout(uncheckedSize: block.size, alignment: block.alignment),
                                               toSize: newSize) else {
                block.check(step)   // a failed reallocate leaves the block alone
                continue
            }
            if UInt(bitPattern: q) % UInt(block.alignment) != 0 { fuzzFailure("reallocate lost the alignment", step) }
            LiveBlock(pointer: q, size: min(block.size, newSize), alignment: block.alignment, fill: block.fill).check(step)
            live[index] = LiveBlock(pointer: q, size: newSize, alignment: block.alignment, fill: block.fill)
            live[index].paint()
        }
        if let violation = heap.validate() {
            fuzzFailure("validate(): \(violation.ruleName) at \(violation.address), value \(violation.value)", step)
        }
        if heap.statistics.liveAllocations != live.count { fuzzFailure("live count disagrees with the harness", step) }
    }
    for block in live {
        block.check(step)
        try? heap.deallocate(block.pointer, layout: Layout(uncheckedSize: block.size, alignment: block.alignment))
    }
    if let violation = heap.validate() { fuzzFailure("validate() at the end: \(violation.ruleName)", step) }
    if heap.statistics.liveAllocations != 0 { fuzzFailure("blocks still live after freeing everything", step) }
    // A bump allocator keeps what was freed out of order until it is reset.
    if returnsEverything && heap.statistics.bytesInUse != 0 { fuzzFailure("bytes still in use after freeing everything", step) }
}
