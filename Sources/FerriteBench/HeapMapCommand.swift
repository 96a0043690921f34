import Ferrite

/// `FerriteBench --heap-map ALLOCATOR`: replays the W2 trace through one
/// allocator, snapshots its blocks at four moments and samples its
/// fragmentation 200 times, and draws both (HeapMapPicture).
/// `FerriteBench --heap-map-text FILE`: draws the maps a firmware printed
/// (`HeapMapText`, e.g. a saved `make run` log), one strip each.
enum HeapMapCommand {
    static func replay<A: HeapWalkable & ~Copyable>(_ heap: inout A, name: String, steps: Int, seed: UInt64) -> String {
        let trace = Traces.churn(steps: steps, maxLive: 1000, seed: seed)
        var live: [(pointer: UnsafeMutableRawPointer, layout: Layout)] = []
        var snapshots: [HeapSnapshot] = []
        var fragmentation: [(step: Int, share: Double)] = []
        let moments = Set([steps / 10, steps * 4 / 10, steps * 7 / 10, steps])
        let sampleEvery = max(1, steps / 200)
        var failedAt: Int? = nil
        for (index, step) in trace.enumerated() {
            let done = index + 1
            if step.allocate {
                let layout = Layout(uncheckedSize: Int(step.size), alignment: Int(step.alignment))
                guard let p = try? heap.allocate(layout) else { failedAt = done; break }
                live.append((p, layout))
            } else if !live.isEmpty {
                let slot = Int(step.slot) % live.count
                try? heap.deallocate(live[slot].pointer, layout: live[slot].layout)
                live[slot] = live[live.count - 1]
                live.removeLast()
            }
            if done % sampleEvery == 0 { fragmentation.append((done, largestFreeShareBelowTop(heap))) }
            if moments.contains(done) { snapshots.append(snapshot(heap, label: "after \(done) ops")) }
        }
        if let failedAt {
            snapshots.append(snapshot(heap, label: "full at op \(failedAt)"))
        }
        let s = heap.statistics
        return HeapMapPicture.svg(
            title: "\(name): W2 trace (\(steps) ops, up to 1000 live blocks of 8-4096 B), \(s.liveAllocations) live blocks, \(s.bytesInUse) B in use at the end",
            snapshots: snapshots, fragmentation: fragmentation)
    }

    /// Largest free block / all free bytes, counting only the free space
    /// below the end of the highest block in use: the untouched rest of the
    /// region is one huge free block that would hide any fragmentation.
    static func largestFreeShareBelowTop<A: HeapWalkable & ~Copyable>(_ heap: borrowing A) -> Double {
        var blocks: [HeapBlock] = []
        heap.walkBlocks { blocks.append($0) }
        guard let top = blocks.last(where: { $0.kind != .free }) else { return 1 }
        // Stranded bytes (a bump allocator's out-of-order frees) are free but unusable.
        let free = blocks.filter { $0.kind != .used && $0.address < top.address }
        let total = free.reduce(0) { $0 + $1.size }
        let largest = free.filter { $0.kind == .free }.map(\.size).max() ?? 0
        return total == 0 ? 1 : Double(largest) / Double(total)
    }

    static func snapshot<A: HeapWalkable & ~Copyable>(_ heap: borrowing A, label: String) -> HeapSnapshot {
        var blocks: [HeapBlock] = []
        heap.walkBlocks { blocks.append($0) }
        // The strip spans what is in use or has been (the untouched tail of a
        // large region would shrink everything else to a line).
        let start = blocks.first?.address ?? 0
        let end = blocks.last(where: { $0.kind != .free }).map { $0.address + UInt($0.size) } ?? start + 1
        let visible = blocks.filter { $0.address < end }.map { block -> HeapBlock in
            var clipped = block
            clipped.size = min(block.size, Int(end - block.address))
            return clipped
        }
        return HeapSnapshot(label: label, start: start, end: end, blocks: visible)
    }

    /// Parses every `heapmap ... end heapmap` section of a console log.
    static func parse(_ text: String) -> [HeapSnapshot] {
        var snapshots: [HeapSnapshot] = []
        var current: HeapSnapshot? = nil
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.first == "heapmap", fields.count >= 4,
               let start = UInt(fields[2].dropFirst(2), radix: 16), let end = UInt(fields[3].dropFirst(2), radix: 16) {
                current = HeapSnapshot(label: String(fields[1]), start: start, end: end, blocks: [])
            } else if line == "end heapmap", let done = current {
                snapshots.append(done)
                current = nil
            } else if current != nil, fields.count >= 4, let offset = UInt(fields[1]), let size = Int(fields[2]),
                      let overhead = Int(fields[3]) {
                let kind: HeapBlock.Kind = fields[0] == "U" ? .used : fields[0] == "S" ? .stranded : .free
                let guards = fields.count > 4 ? Int(fields[4]) ?? 0 : 0
                current!.blocks.append(HeapBlock(address: current!.start + offset, size: size, kind: kind,
                                                 overhead: overhead, guardBytes: guards))
            }
        }
        return snapshots
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Writes `text` to `path`, or to standard output without one.
func writeOrPrint(_ text: String, to path: String?) {
    guard let path else { print(text, terminator: ""); return }
    guard let file = fopen(path, "w") else { print("cannot write \(path)"); exit(2) }
    fputs(text, file)
    fclose(file)
    print("wrote \(path)")
}

/// The whole file at `path` as UTF-8 text, or nil.
func readWholeFile(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n <= 0 { break }
        bytes += buffer[0..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
}
