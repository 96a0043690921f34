import Ferrite

/// Messages of varying sizes in their own TLSF pool, apart from the runtime
/// heap: allocated, filled, half freed, refilled, checked, all freed.
func checkMessagePool(_ checks: inout Checks) {
    // TLSF's control area takes about 800 words of the pool (6.4 KB on a
    // 64-bit board, 3.2 KB on a 32-bit one); ~2 KB of messages come on top.
    let poolBytes = (MemoryLayout<Int>.size == 8 ? 9 : 6) << 10
    let region = UnsafeMutableRawBufferPointer.allocate(byteCount: poolBytes, alignment: 16)
    defer { region.deallocate() }
    var pool = TLSFAllocator(unsafeRegion: region)
    let count = 24
    var messages: [(pointer: UnsafeMutableRawPointer, size: Int)] = []
    var refused = 0
    func send(_ i: Int) {
        let size = 16 + (i * 37) % 100
        do throws(AllocatorError) {
            let pointer = try pool.allocate(Layout(uncheckedSize: size, alignment: 8))
            pointer.initializeMemory(as: UInt8.self, repeating: UInt8(truncatingIfNeeded: i), count: size)
            messages.append((pointer, size))
        } catch {
            refused += 1
        }
    }
    for i in 0..<count { send(i) }
    // Free every other message, then send as many again into the gaps.
    var kept: [(pointer: UnsafeMutableRawPointer, size: Int)] = []
    for (index, message) in messages.enumerated() {
        if index % 2 == 0 {
            do throws(AllocatorError) { try pool.deallocate(message.pointer, layout: Layout(uncheckedSize: message.size, alignment: 8)) }
            catch { checks.expect(false, "a pool message frees") }
        } else {
            kept.append(message)
        }
    }
    messages = kept
    for i in count..<(count + count / 2) { send(i) }
    checks.expect(refused, equals: 0, "every message found room in the pool")
    checks.expect(messages.count, equals: count, "messages held after the refill")
    checks.expect(pool.validate() == nil, "the pool validates")
    var intact = 0
    for message in messages {
        let first = message.pointer.load(as: UInt8.self)
        let last = message.pointer.load(fromByteOffset: message.size - 1, as: UInt8.self)
        if first == last { intact += 1 }
    }
    checks.expect(intact, equals: count, "messages keep their contents")
    for message in messages {
        do throws(AllocatorError) { try pool.deallocate(message.pointer, layout: Layout(uncheckedSize: message.size, alignment: 8)) }
        catch { checks.expect(false, "a pool message frees") }
    }
    checks.expect(pool.statistics.bytesInUse, equals: 0, "the pool is empty at the end")
    Console.write("pool: ")
    Console.writeDecimal(count + count / 2)
    Console.write(" messages through a ")
    Console.writeDecimal(poolBytes >> 10)
    Console.write(" KiB TLSF pool\n")
}
