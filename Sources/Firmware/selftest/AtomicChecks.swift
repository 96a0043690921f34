import Ferrite
import Synchronization

/// `Synchronization.Atomic` at every width (8, 16, 32 bits, a word, and
/// Bool): each operation once, checked against its expected result. Most
/// cores run these as native instructions; ARMv6-M has none and calls
/// Ferrite's own helpers (Sources/Arch/ARMv6M/atomics.c), which must also
/// leave the interrupt mask as they found it.
enum AtomicChecks {
    static func run(_ t: inout Checker) {
        t.begin("atomics: 8, 16, 32-bit, word and Bool operations")

        let byte = Atomic<UInt8>(250)
        t.expect(byte.load(ordering: .acquiring) == 250, "8-bit load")
        byte.store(255, ordering: .releasing)
        let wrapped = byte.wrappingAdd(1, ordering: .acquiringAndReleasing)
        t.expect(wrapped.oldValue == 255 && wrapped.newValue == 0, "8-bit add wraps around")
        t.expect(byte.exchange(0x5A, ordering: .sequentiallyConsistent) == 0, "8-bit exchange returns the old value")
        let missed = byte.compareExchange(expected: 1, desired: 2, ordering: .sequentiallyConsistent)
        let swapped = byte.compareExchange(expected: 0x5A, desired: 0xA5, ordering: .sequentiallyConsistent)
        t.expect(!missed.exchanged && missed.original == 0x5A, "8-bit compare-exchange fails on a mismatch, returning the value")
        t.expect(swapped.exchanged && byte.load(ordering: .relaxed) == 0xA5, "8-bit compare-exchange stores on a match")
        t.expect(byte.bitwiseAnd(0x0F, ordering: .relaxed).newValue == 0x05
                 && byte.bitwiseOr(0x30, ordering: .relaxed).newValue == 0x35
                 && byte.bitwiseXor(0xFF, ordering: .relaxed).newValue == 0xCA, "8-bit and, or, xor")

        let half = Atomic<UInt16>(0xFFFE)
        t.expect(half.wrappingAdd(3, ordering: .relaxed).newValue == 1
                 && half.wrappingSubtract(2, ordering: .relaxed).newValue == 0xFFFF, "16-bit add and subtract wrap around")
        let halfSwap = half.compareExchange(expected: 0xFFFF, desired: 0x1234, ordering: .sequentiallyConsistent)
        t.expect(halfSwap.exchanged && half.exchange(7, ordering: .relaxed) == 0x1234, "16-bit compare-exchange and exchange")

        let word32 = Atomic<UInt32>(0xFFFF_FFFF)
        t.expect(word32.wrappingAdd(1, ordering: .relaxed).newValue == 0
                 && word32.wrappingSubtract(1, ordering: .relaxed).newValue == 0xFFFF_FFFF, "32-bit add and subtract wrap around")
        t.expect(word32.bitwiseAnd(0x00FF_00FF, ordering: .relaxed).newValue == 0x00FF_00FF
                 && word32.bitwiseXor(0x0F0F_0F0F, ordering: .relaxed).newValue == 0x0FF0_0FF0, "32-bit and, xor")

        let word = Atomic<Int>(-1)
        t.expect(word.add(2, ordering: .relaxed).newValue == 1 && word.subtract(3, ordering: .relaxed).newValue == -2,
                 "word add and subtract")
        let wordSwap = word.compareExchange(expected: -2, desired: Int.max, ordering: .acquiringAndReleasing)
        t.expect(wordSwap.exchanged && word.load(ordering: .acquiring) == Int.max, "word compare-exchange")

        let flag = Atomic<Bool>(false)
        t.expect(!flag.exchange(true, ordering: .acquiring) && flag.load(ordering: .relaxed), "Bool exchange")
        let flagSwap = flag.compareExchange(expected: false, desired: false, ordering: .sequentiallyConsistent)
        t.expect(!flagSwap.exchanged && flagSwap.original, "Bool compare-exchange fails on a mismatch")

        // The interrupt mask around an operation: what a nested mask reports
        // (interrupts enabled or not) is the same before and after it, both
        // outside and inside a critical section.
        let outside = maskState()
        _ = word32.wrappingAdd(1, ordering: .sequentiallyConsistent)
        t.expect(maskState() == outside, "an atomic operation leaves unmasked interrupts unmasked")
        let state = CriticalSection.maskInterrupts()
        let inside = maskState()
        _ = word32.wrappingAdd(1, ordering: .sequentiallyConsistent)
        let insideAfter = maskState()
        CriticalSection.restoreInterrupts(state)
        t.expect(insideAfter == inside, "an atomic operation in a critical section leaves interrupts masked")
    }

    /// The state `CriticalSection.maskInterrupts` reports right now (it masks,
    /// and puts the mask straight back).
    static func maskState() -> UInt {
        let state = CriticalSection.maskInterrupts()
        CriticalSection.restoreInterrupts(state)
        return state
    }
}
