import Ferrite

/// Per-frame scratch memory: a bump arena reset to its checkpoint after each
/// frame, so a frame's buffers cost one pointer bump each and are all gone
/// at once.
func checkFrameArena(_ checks: inout Checks) {
    let config = hubConfiguration
    let region = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
    defer { region.deallocate() }
    var arena = BumpAllocator(unsafeRegion: region)
    let empty = arena.checkpoint()
    var firstFrameBase: UInt = 0
    var sameBase = true
    var sums = 0
    for frame in 0..<config.frames {
        var frameSum = 0
        var base: UInt = 0
        for channel in 0..<config.channels {
            do throws(AllocatorError) {
                let layout = Layout(uncheckedSize: config.samplesPerFrame * MemoryLayout<Int32>.stride,
                                    alignment: MemoryLayout<Int32>.alignment)
                let raw = try arena.allocate(layout)
                if channel == 0 { base = UInt(bitPattern: raw) }
                let samples = raw.bindMemory(to: Int32.self, capacity: config.samplesPerFrame)
                for i in 0..<config.samplesPerFrame { samples[i] = Int32(frame * 100 + channel * 10 + i % 10) }
                for i in 0..<config.samplesPerFrame { frameSum += Int(samples[i]) }
            } catch {
                checks.expect(false, "a frame's buffer fits in the arena")
            }
        }
        if frame == 0 { firstFrameBase = base } else if base != firstFrameBase { sameBase = false }
        sums += frameSum
        arena.reset(to: empty)
        checks.expect(arena.statistics.bytesInUse, equals: 0, "the arena is empty after its frame")
    }
    // Each channel's samples sum to 16 * (frame*100 + channel*10) + 2 * (0+...+9) - (8+9) ... computed directly:
    var expected = 0
    for frame in 0..<config.frames {
        for channel in 0..<config.channels {
            for i in 0..<config.samplesPerFrame { expected += frame * 100 + channel * 10 + i % 10 }
        }
    }
    checks.expect(sums, equals: expected, "every frame's samples summed")
    checks.expect(sameBase, "every frame reuses the arena from its start")
    checks.expect(arena.validate() == nil, "the arena validates")
    Console.write("frames: ")
    Console.writeDecimal(config.frames)
    Console.write(" frames through a 4 KiB bump arena, reset after each\n")
}
