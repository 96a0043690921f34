import Ferrite
import Testing

/// A seeded xorshift generator: the tests print the seed, and
/// `FERRITE_SEED=<n>` replays one.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }
    mutating func next() -> UInt64 {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return state
    }
}

/// The seed for a randomized test: FERRITE_SEED from the environment, else `fallback`.
func testSeed(_ fallback: UInt64) -> UInt64 {
    if let text = ProcessInfoLite.environment("FERRITE_SEED"), let seed = UInt64(text) { return seed }
    return fallback
}

enum ProcessInfoLite {
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A region of raw memory owned by a test, freed when the test ends.
final class TestRegion {
    let raw: UnsafeMutableRawBufferPointer
    /// The part handed to the allocator (possibly at an odd offset).
    let region: UnsafeMutableRawBufferPointer

    init(bytes: Int, offset: Int = 0) {
        raw = .allocate(byteCount: bytes + offset, alignment: 64)
        raw.initializeMemory(as: UInt8.self, repeating: 0xEE)
        region = UnsafeMutableRawBufferPointer(rebasing: raw[offset..<(offset + bytes)])
    }

    deinit { raw.deallocate() }

    func contains(_ pointer: UnsafeMutableRawPointer, count: Int) -> Bool {
        let lo = UInt(bitPattern: region.baseAddress), hi = lo + UInt(region.count)
        let p = UInt(bitPattern: pointer)
        return p >= lo && p + UInt(count) <= hi
    }
}

/// The shadow model: every live block, its size and the byte it is filled with.
struct ShadowBlock {
    var pointer: UnsafeMutableRawPointer
    var size: Int
    var alignment: Int
    var fill: UInt8
    /// The step at which the block got its current address (allocated, or
    /// moved by a reallocate): what an arena's checkpoint taken later keeps.
    var placedAt: Int

    /// True when every byte still holds `fill` (compared a word at a time by
    /// the C library against a reference buffer, so long runs stay fast).
    func intact(reference: UnsafeMutableRawPointer) -> Bool {
        memset(reference, Int32(fill), size)
        return memcmp(reference, pointer, size) == 0
    }
}

/// Runs `steps` random allocate/reallocate/free operations on `heap`, checking
/// each against the shadow model; stops at the first discrepancy and records
/// it with the seed and step. `afterStep`, if given, runs after each step
/// with the heap and the model (to take arena checkpoints and reset to them)
/// and returns a discrepancy it found, or nil.
func exerciseAgainstModel<A: Allocator & ~Copyable>(
    _ heap: inout A, region: TestRegion, seed: UInt64, steps: Int,
    maxLive: Int = 200, maxSize: Int = 1024, validateEvery: Int = 1, supportsFree: Bool = true,
    afterStep: ((inout A, inout [ShadowBlock], Int) -> String?)? = nil
) {
    var rng = SeededGenerator(seed: seed)
    var live: [ShadowBlock] = []
    let reference = UnsafeMutableRawPointer.allocate(byteCount: 2 * maxSize + 1, alignment: 16)
    defer { reference.deallocate() }
    func fail(_ message: String, _ step: Int) {
        Issue.record("\(message) at step \(step) (replay with FERRITE_SEED=\(seed))")
    }
    for step in 0..<steps {
        let roll = Int.random(in: 0..<100, using: &rng)
        if live.isEmpty || (roll < 50 && live.count < maxLive) {
            let size = Int.random(in: 0...maxSize, using: &rng)
            let alignment = 1 << Int.random(in: 0...7, using: &rng)
            let layout = try! Layout(size: size, alignment: alignment)
            let before = heap.statistics
            guard let p = try? heap.allocate(layout) else {
                let failed = heap.statistics.failedAllocations
                if failed != before.failedAllocations + 1 {
                    return fail("failure counted as \(failed), was \(before.failedAllocations) before", step)
                }
                continue
            }
            if !region.region.isEmpty && !region.contains(p, count: size) {
                return fail("block \(p) of \(size) bytes outside the region at \(region.region.baseAddress!) of \(region.region.count)", step)
            }
            if UInt(bitPattern: p) % UInt(alignment) != 0 { return fail("block \(p) not aligned to \(alignment)", step) }
            let usable = heap.usableSize(of: p)
            if usable < size { return fail("usable size \(usable) below the \(size) bytes asked for", step) }
            let a = UInt(bitPattern: p)
            for other in live {
                let b = UInt(bitPattern: other.pointer)
                if a < b &+ UInt(max(other.size, 1)) && b < a &+ UInt(max(size, 1)) {
                    return fail("block \(p) of \(size) bytes overlaps \(other.pointer) of \(other.size)", step)
                }
            }
            let fill = UInt8(truncatingIfNeeded: step | 1)
            memset(p, Int32(fill), size)
            live.append(ShadowBlock(pointer: p, size: size, alignment: alignment, fill: fill, placedAt: step))
        } else {
            let index = Int.random(in: 0..<live.count, using: &rng)
            let block = live[index]
            if !block.intact(reference: reference) { return fail("block \(block.pointer) of \(block.size) bytes changed while live", step) }
            if roll < 75 {
                let newSize = Int.random(in: 0...(maxSize * 2), using: &rng)
                let layout = try! Layout(size: block.size, alignment: block.alignment)
                guard let q = try? heap.reallocate(block.pointer, from: layout, toSize: newSize) else {
                    if !block.intact(reference: reference) { return fail("failed reallocate changed the block \(block.pointer)", step) }
                    continue
                }
                if UInt(bitPattern: q) % UInt(block.alignment) != 0 {
                    return fail("reallocate to \(newSize) moved a \(block.alignment)-aligned block to \(q)", step)
                }
                var moved = block
                moved.pointer = q
                moved.size = min(block.size, newSize)
                if !moved.intact(reference: reference) { return fail("reallocate \(block.pointer) -> \(q) lost contents", step) }
                memset(q, Int32(block.fill), newSize)
                live[index].pointer = q
                live[index].size = newSize
                if q != block.pointer { live[index].placedAt = step }
            } else if supportsFree {
                let layout = try! Layout(size: block.size, alignment: block.alignment)
                do { try heap.deallocate(block.pointer, layout: layout) } catch { return fail("free of a live block threw \(error)", step) }
                live.remove(at: index)
            }
        }
        if let afterStep, let discrepancy = afterStep(&heap, &live, step) { return fail(discrepancy, step) }
        if heap.statistics.liveAllocations != live.count { return fail("live count \(heap.statistics.liveAllocations) != model \(live.count)", step) }
        if step % validateEvery == 0, let violation = heap.validate() {
            return fail("validate: \(violation.ruleName) at \(violation.address) value \(violation.value)", step)
        }
    }
    for block in live {
        if !block.intact(reference: reference) { return fail("block \(block.pointer) of \(block.size) bytes changed while live", steps) }
        do { try heap.deallocate(block.pointer, layout: try! Layout(size: block.size, alignment: block.alignment)) } catch {
            return fail("free of a live block at the end threw \(error)", steps)
        }
    }
    if let violation = heap.validate() {
        return fail("validate at end: \(violation.ruleName) at \(violation.address) value \(violation.value)", steps)
    }
}

/// The error `body` threw, or nil: lets a test check a typed error of a call on
/// a `~Copyable` allocator (which `#expect(throws:)` cannot capture).
func thrown<T>(_ body: () throws(AllocatorError) -> T) -> AllocatorError? {
    do { _ = try body(); return nil } catch { return error }
}

/// How many iterations a stress test runs: `count`, or a fiftieth of it when
/// `FERRITE_QUICK` is set (`make tsan`, where every atomic costs a hundred
/// times more and spinning threads share two cores).
func stressIterations(_ count: Int) -> Int {
    ProcessInfoLite.environment("FERRITE_QUICK") == nil ? count : Swift.max(1, count / 50)
}
