import Ferrite
import Testing

@Suite struct LayoutTests {
    @Test func validLayouts() throws {
        let l = try Layout(size: 10, alignment: 8)
        #expect(l.size == 10 && l.alignment == 8 && l.paddedSize == 16)
        #expect(try Layout(size: 0, alignment: 1).paddedSize == 0)
        #expect(Layout.of(UInt64.self) == (try Layout(size: 8, alignment: 8)))
        #expect(try Layout.array(of: UInt32.self, count: 5) == (try Layout(size: 20, alignment: 4)))
    }

    @Test(arguments: [0, -1, 3, 6, 12, 24, Int.min])
    func alignmentMustBeAPowerOfTwo(_ alignment: Int) {
        #expect(throws: LayoutError.alignmentNotPowerOfTwo) { try Layout(size: 8, alignment: alignment) }
    }

    @Test func sizeErrors() {
        #expect(throws: LayoutError.negativeSize) { try Layout(size: -1, alignment: 8) }
        #expect(throws: LayoutError.sizeOverflow) { try Layout(size: Int.max, alignment: 16) }
        #expect(throws: LayoutError.sizeOverflow) { try Layout.array(of: UInt64.self, count: Int.max / 4) }
        #expect(throws: LayoutError.negativeSize) { try Layout.array(of: UInt8.self, count: -3) }
        #expect((try? Layout(size: Int.max - 15, alignment: 16)) != nil, "the largest size that still rounds up")
    }

    @Test func padding() throws {
        let l = try Layout(size: 1, alignment: 64)
        #expect(l.padding(after: 0) == 0)
        #expect(l.padding(after: 1) == 63)
        #expect(l.padding(after: 64) == 0)
        #expect(l.padding(after: 65) == 63)
        // Addresses with the top bit set (virt-rv32's RAM starts at 0x8000_0000).
        #expect(l.padding(after: 0x8000_0000) == 0)
        #expect(l.padding(after: 0x8000_0001) == 63)
        #expect(l.padding(after: 1 << (UInt.bitWidth - 1)) == 0)
        #expect(l.padding(after: (1 << (UInt.bitWidth - 1)) + 8) == 56)
        #expect(l.padding(after: UInt.max - 15) == 16, "0xFFFF...F0 is 48 past a multiple of 64")
        #expect(l.padding(after: UInt.max) == 1)
        #expect(try Layout(size: 0, alignment: 1).padding(after: UInt.max) == 0)
        #expect(try l.aligned(to: 128).alignment == 128)
        #expect(try l.aligned(to: 16).alignment == 64)
    }

    @Test func alignmentHelpers() {
        #expect(alignUp(13, to: 8) == 16 && alignUp(16, to: 8) == 16 && alignDown(13, to: 8) == 8)
        #expect(isPowerOfTwo(1) && isPowerOfTwo(4096) && !isPowerOfTwo(0) && !isPowerOfTwo(12) && !isPowerOfTwo(-8))
    }
}
