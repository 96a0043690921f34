import Ferrite

/// The heap the bugs are committed in: a `DebugHeap` over a TLSF allocator
/// on a region taken from the runtime heap, set to report and go on (so the
/// zoo can show one bug after another). Its reports go to the console and
/// are remembered for the tally.
enum ZooHeap {
    typealias Heap = DebugHeap<TLSFAllocator>
    // SAFETY: nonisolated(unsafe): used by hart 0 only, after `install`.
    nonisolated(unsafe) static var heap: UnsafeMutablePointer<Heap>? = nil
    nonisolated(unsafe) static var lastReport: DebugHeapReport? = nil

    static var pointee: UnsafeMutablePointer<Heap> { heap.unsafelyUnwrapped }

    /// Carves the zoo's region out of the runtime heap: 64 KiB, or half of
    /// what is free on a small board (a quarter of the microbit's ~8 KiB is
    /// less than TLSF's own 2.6 KiB control block on a 32-bit core).
    static func install() {
        let bytes = min(64 << 10, HeapReport.statistics().bytesFree / 2)
        let region = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes, alignment: 16)
        let slot = UnsafeMutablePointer<Heap>.allocate(capacity: 1)
        do throws(AllocatorError) {
            slot.initialize(to: try DebugHeap(
                wrapping: TLSFAllocator(unsafeRegion: region), guardSize: 16, quarantineCapacity: 8,
                continueAfterReport: true,
                onReport: { report in
                    report.write { Board.writeByte($0) }
                    ZooHeap.lastReport = report
                },
                stop: { Runtime.exit(Runtime.heapMisuseStatus) }))
        } catch {
            Console.write("bugzoo: no room for the zoo heap\n")
            Runtime.exit(Runtime.failureStatus)
        }
        heap = slot
        Console.write("zoo heap: a DebugHeap over TLSF, ")
        Console.writeDecimal(bytes)
        Console.write(" bytes; 16 guard bytes per side, quarantine of 8 freed blocks\n")
    }

    static func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        do throws(AllocatorError) {
            return try pointee.pointee.allocate(Layout(uncheckedSize: size, alignment: 8))
        } catch {
            Console.write("bugzoo: zoo heap exhausted\n")
            Runtime.exit(Runtime.failureStatus)
        }
    }

    /// Frees through the debug heap; a refused free was reported, and returns false.
    @discardableResult
    static func free(_ pointer: UnsafeMutableRawPointer, size: Int) -> Bool {
        do throws(AllocatorError) {
            try pointee.pointee.deallocate(pointer, layout: Layout(uncheckedSize: size, alignment: 8))
            return true
        } catch {
            return false
        }
    }

    /// Takes the report made since the last call, if any.
    static func takeReport() -> DebugHeapReport? {
        defer { lastReport = nil }
        return lastReport
    }
}
