import Ferrite

/// Prints the runtime heap for a reader following the program, without
/// allocating (so the report does not disturb what it measures).
enum HeapReport {
    /// The runtime heap's counters, read under its lock.
    static func statistics() -> HeapStatistics {
        #if FERRITE_HEAP_DEBUG
        // The debug heap's figures include the blocks it holds in quarantine:
        // release them first (checking their poison), so a program comparing
        // two snapshots sees only what it holds itself.
        runtimeHeap.pointee.withAllocator { $0.drainQuarantine() }
        #endif
        return runtimeHeap.pointee.statistics()
    }

    /// One line: `heap <label>: 1234 B in use in 5 blocks, 5678 B free, peak 2345 B`.
    static func print(_ label: StaticString) {
        let s = statistics()
        Console.write("heap ")
        Console.write(label)
        Console.write(": ")
        writeUsage(s)
        Console.write(", peak ")
        Console.writeDecimal(s.peakBytesInUse)
        Console.write(" B\n")
    }

    /// `1234 B in use in 5 blocks, 5678 B free`: the part of a heap line
    /// every report shares.
    static func writeUsage(_ s: HeapStatistics) {
        Console.writeDecimal(s.bytesInUse)
        Console.write(" B in use in ")
        Console.writeDecimal(s.liveAllocations)
        Console.write(" blocks, ")
        Console.writeDecimal(s.bytesFree)
        Console.write(" B free")
    }

    /// The banner line naming the heap: allocator, bounds and size.
    static func printBounds() {
        let region = runtimeHeapRegion
        Console.write("heap: ")
        Console.write(runtimeHeapName)
        Console.write(" allocator over [")
        Console.writeHex(UInt(bitPattern: region.baseAddress))
        Console.write(", ")
        Console.writeHex(UInt(bitPattern: region.baseAddress) &+ UInt(region.count))
        Console.write(") = ")
        Console.writeDecimal(region.count)
        Console.write(" bytes (")
        Console.writeDecimal(region.count >> 10)
        Console.write(" KiB)\n")
    }

    /// Prints the runtime heap's map in the text form `FerriteBench
    /// --heap-map-text` draws (`HeapMapText`), under the heap's lock and
    /// without allocating: callable at any point a program wants to see its heap.
    static func printMap(_ label: StaticString) {
        runtimeHeap.pointee.withAllocator { heap in
            HeapMapText.write(heap, label: label) { Board.writeByte($0) }
        }
    }

    /// Prints the banner every image starts with.
    static func printBanner(_ image: StaticString) {
        Console.write("Ferrite ")
        Console.write(Ferrite.version)
        Console.write(" (")
        Console.write(image)
        Console.write(") on ")
        Console.write(Board.name)
        Console.write(": ")
        Console.write(Board.machine)
        Console.write("\n")
        printBounds()
    }
}

extension Runtime {
    /// The runtime heap's counters (bytes and blocks in use, free, peak,
    /// largest allocation), read under its lock; allocates nothing.
    static func heapStatistics() -> HeapStatistics { HeapReport.statistics() }

    /// Walks the runtime heap under its lock: nil when every block and free
    /// list is consistent, else the first violation found.
    static func validateHeap() -> HeapViolation? { runtimeHeap.pointee.validate() }

    /// Which allocator serves the heap (`HEAP=` of the build): "tlsf",
    /// "freelist", "bump" or the debug heap's description.
    static var heapAllocatorName: StaticString { runtimeHeapName }

    /// The memory the runtime heap manages (the linker script's region, after
    /// the heap's own bookkeeping).
    static var heapRegion: UnsafeMutableRawBufferPointer { runtimeHeapRegion }
}
