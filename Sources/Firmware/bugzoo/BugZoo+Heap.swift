import Ferrite
import FerriteLibC

/// The heap bugs, committed in the zoo's debug heap.
extension BugZoo {
    static func useAfterFree() {
        title(1, "use after free")
        let box = UniqueBox(42)
        let owner = box                      // the value moves; `box` is gone
        Console.write("safe:     UniqueBox(42) moved to a new owner, which reads ")
        Console.writeDecimal(owner.value)
        Console.write("; the old name can no longer be used\n")
        compilerSays(CompilerSays.useAfterConsume)
        unsafeBug("a 32-byte record is freed, then written through the stale pointer")
        let record = ZooHeap.allocate(32)
        ZooHeap.free(record, size: 32)
        // SAFETY: none — this is the bug: the block is freed (but still in
        // the debug heap's quarantine, so the write lands in poisoned memory).
        record.storeBytes(of: 0xC0FFEE, toByteOffset: 8, as: UInt32.self)
        ZooHeap.pointee.pointee.drainQuarantine()   // the block leaves quarantine: its poison is checked
        let report = ZooHeap.takeReport()
        Tally.check(report.map { if case .writeAfterFree = $0.kind { true } else { false } } ?? false,
                    "the poison check found the write after free")
    }

    static func doubleFree() {
        title(2, "double free")
        let box = UniqueBox(7)
        let value = box.take()              // consumes the box: its memory is freed once, here
        Console.write("safe:     UniqueBox(7).take() gives back ")
        Console.writeDecimal(value)
        Console.write(" and frees the box exactly once\n")
        compilerSays(CompilerSays.consumeTwice)
        unsafeBug("a 48-byte block is freed twice")
        let block = ZooHeap.allocate(48)
        ZooHeap.free(block, size: 48)
        let refused = !ZooHeap.free(block, size: 48)
        let report = ZooHeap.takeReport()
        Tally.check(refused && report?.kind == .doubleFree, "the second free was reported and refused")
    }

    static func bufferOverflow() {
        title(3, "buffer overflow")
        var samples = [UInt8](repeating: 0, count: 48)
        samples[47] = 1
        Console.write("safe:     [UInt8] of 48 checks every index: samples[48] would stop the program, never write past the end\n")
        Console.write("compiler: (no compile-time error: Rust and Swift both check indices at run time)\n")
        unsafeBug("52 bytes are written into a 48-byte block")
        let block = ZooHeap.allocate(48)
        // SAFETY: none — this is the bug: 4 bytes past the block's end (they
        // land in the debug heap's rear guard).
        _ = memset(block, 0x41, 52)
        ZooHeap.free(block, size: 48)
        let report = ZooHeap.takeReport()
        Tally.check(report?.kind == .overflow(bytes: 4), "the guard bytes found 4 bytes written past the end")
        _ = samples
    }

    static func leak() {
        title(4, "leak through a reference cycle")
        Console.write("safe:     Rc with a Weak back link frees both nodes (make run APP=ownership, step 5)\n")
        Console.write("compiler: (no compile-time error: a leak is memory-safe; Rc cycles compile in Rust too)\n")
        unsafeBug("two nodes point at each other, then the last outside pointer is dropped")
        let mark = ZooHeap.pointee.pointee.latestSerial
        let first = ZooHeap.allocate(16), second = ZooHeap.allocate(16)
        first.storeBytes(of: second, as: UnsafeMutableRawPointer.self)
        second.storeBytes(of: first, as: UnsafeMutableRawPointer.self)
        Console.write("leak report of the blocks allocated since the mark:\n")
        let leaks = ZooHeap.pointee.pointee.reportLeaks(since: mark)
        _ = ZooHeap.takeReport()
        Tally.check(leaks == 2, "the leak report named both blocks of the cycle")
    }
}
