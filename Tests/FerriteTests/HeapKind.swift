import Ferrite
import Testing

/// Every Ferrite allocator, for a check written once and run on each.
enum HeapKind: String, CaseIterable, CustomTestStringConvertible {
    case tlsf, freeList, bump, debugHeap
    var testDescription: String { rawValue }

    /// The heaps the runtime's C ABI can be built with (`make HEAP=...`; the
    /// debug heap wraps TLSF).
    static var runtimeHeaps: [HeapKind] { [.tlsf, .freeList, .bump] }

    /// Runs `check` on a fresh heap of this kind over `region`. The debug
    /// heap wraps TLSF, reports into `log` and goes on, and holds
    /// `quarantine` freed blocks back.
    func run(_ check: some HeapCheck, region: TestRegion, log: ReportLog = ReportLog(), quarantine: Int = 4) throws {
        switch self {
        case .tlsf:
            var heap = TLSFAllocator(unsafeRegion: region.region)
            try check.run(&heap)
        case .freeList:
            var heap = FreeListAllocator(unsafeRegion: region.region)
            try check.run(&heap)
        case .bump:
            var heap = BumpAllocator(unsafeRegion: region.region)
            try check.run(&heap)
        case .debugHeap:
            var heap = try makeDebugHeap(region, quarantine: quarantine, log: log)
            try check.run(&heap)
        }
    }
}

/// One check, generic over the allocator.
protocol HeapCheck {
    func run<A: Allocator & ~Copyable>(_ heap: inout A) throws
}
