// FerriteBench: Ferrite's allocators against the system malloc, on one seeded
// trace per workload (README, "Benchmarks"). Build and run with `make bench`.
//
//   FerriteBench                       every workload, every allocator, the table
//   FerriteBench --runs N              runs per figure (median; default 5)
//   FerriteBench --ownership           the ownership types' costs only
//   FerriteBench --sync                the locks', OnceCell's and channels' costs only
//   FerriteBench --only ALLOC WORKLOAD [--ops N]
//   FerriteBench --heap-map tlsf|freelist|bump|debug [--ops N] [--out FILE.svg]   W2 heap map
//   FerriteBench --heap-map-text LOG [--out FILE.svg]   the maps a firmware printed
//                                      one allocator (tlsf|freelist|bump|system) on one
//                                      workload (W1|W2|W4) once: for callgrind
#if canImport(Glibc)
import Glibc
#endif
import Ferrite

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
// Heap maps (SVG), before the benchmark's big region is set up.
if let name = option("--heap-map") {
    let steps = Int(option("--ops") ?? "") ?? 1_000_000
    let bytes = 4 << 20
    let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes, alignment: 4096)
    let svg: String
    switch name {
    case "tlsf": var heap = TLSFAllocator(unsafeRegion: memory); svg = HeapMapCommand.replay(&heap, name: "TLSF", steps: steps, seed: 42)
    case "freelist": var heap = FreeListAllocator(unsafeRegion: memory); svg = HeapMapCommand.replay(&heap, name: "free list", steps: steps, seed: 42)
    case "bump": var heap = BumpAllocator(unsafeRegion: memory); svg = HeapMapCommand.replay(&heap, name: "bump", steps: steps, seed: 42)
    case "debug":
        var heap = try! DebugHeap(wrapping: TLSFAllocator(unsafeRegion: memory),
                                  onReport: { report in fatalError("debug heap report on a correct trace: \(report)") },
                                  stop: { exit(4) })
        svg = HeapMapCommand.replay(&heap, name: "debug heap over TLSF", steps: steps, seed: 42)
    default: print("--heap-map: tlsf, freelist, bump or debug"); exit(2)
    }
    writeOrPrint(svg, to: option("--out"))
    exit(0)
}
if let file = option("--heap-map-text") {
    guard let text = readWholeFile(file) else { print("--heap-map-text: cannot read \(file)"); exit(2) }
    let snapshots = HeapMapCommand.parse(text)
    guard !snapshots.isEmpty else { print("--heap-map-text: no 'heapmap' section in \(file)"); exit(1) }
    writeOrPrint(HeapMapPicture.svg(title: "heap map from \(file)", snapshots: snapshots, fragmentation: []), to: option("--out"))
    exit(0)
}

let runs = Int(option("--runs") ?? "") ?? 5
let seed: UInt64 = 0xFE_2217E

if arguments.contains("--sync") {
    print("| sync operation (hosted, release) | figure |")
    print("|---|---|")
    for (name, figure) in SyncBench.run(runs: runs) { print("| \(name) | \(figure) |") }
    exit(0)
}

if arguments.contains("--ownership") {
    print("| ownership operation (global heap: glibc malloc) | ns |")
    print("|---|---|")
    for (name, ns) in OwnershipBench.run(runs: runs, iterations: 10_000_000) { print("| \(name) | \((ns * 100).rounded() / 100) |") }
    exit(0)
}


// glibc keeps what is freed instead of trimming it back to the kernel, so
// the system allocator, like Ferrite's (whose region is touched below), pays
// no page faults inside the timings after its first run.
_ = systemMallopt(-1 /* M_TRIM_THRESHOLD */, Int32.max)
_ = systemMallopt(-2 /* M_TOP_PAD */, 64 << 20)

// One region serves every Ferrite heap in turn; W4's ten million blocks need a GiB.
let regionBytes = option("--only") != nil && arguments.last != "W4" ? 64 << 20 : 1 << 30
nonisolated(unsafe) let region = UnsafeMutableRawBufferPointer.allocate(byteCount: regionBytes, alignment: 4096)
memset(region.baseAddress!, 0, regionBytes)  // touch every page once, outside any timing

enum Kind: String, CaseIterable { case tlsf, freelist, bump, system }

/// Runs `body` on a fresh allocator of `kind` over the shared region.
func withHeap<R>(_ kind: Kind, bytes: Int = regionBytes, _ body: (inout TLSFAllocator) -> R,
                 _ f: (inout FreeListAllocator) -> R, _ b: (inout BumpAllocator) -> R, _ s: (inout SystemAllocator) -> R) -> R {
    let r = UnsafeMutableRawBufferPointer(rebasing: region[0..<bytes])
    switch kind {
    case .tlsf: var h = TLSFAllocator(unsafeRegion: r); return body(&h)
    case .freelist: var h = FreeListAllocator(unsafeRegion: r); return f(&h)
    case .bump: var h = BumpAllocator(unsafeRegion: r); return b(&h)
    case .system: var h = SystemAllocator(); return s(&h)
    }
}

let w1Sizes = Traces.uniformSizes(count: Int(option("--ops") ?? "") ?? 10_000_000, seed: seed)
let w2Trace = Traces.churn(steps: Int(option("--ops") ?? "") ?? 5_000_000, maxLive: 1000, seed: seed)
let w4Sizes: [Int32] = {
    var rng = TraceRandom(seed: seed ^ 4)
    return (0..<(Int(option("--ops") ?? "") ?? 10_000_000)).map { _ in Int32(8 + rng.below(57)) }
}()

func w1(_ kind: Kind) -> Double {
    withHeap(kind, { Workloads.pairs(&$0, sizes: w1Sizes) }, { Workloads.pairs(&$0, sizes: w1Sizes) },
             { Workloads.pairs(&$0, sizes: w1Sizes) }, { Workloads.pairs(&$0, sizes: w1Sizes) })
}

func w2(_ kind: Kind, latencies: UnsafeMutableBufferPointer<UInt32>? = nil) -> Double? {
    withHeap(kind, { Workloads.churn(&$0, trace: w2Trace, maxLive: 1000, latencies: latencies) },
             { Workloads.churn(&$0, trace: w2Trace, maxLive: 1000, latencies: latencies) },
             { Workloads.churn(&$0, trace: w2Trace, maxLive: 1000, latencies: latencies) },
             { Workloads.churn(&$0, trace: w2Trace, maxLive: 1000, latencies: latencies) })
}

func w4(_ kind: Kind) -> Double {
    let blocks = UnsafeMutableBufferPointer<UnsafeMutableRawPointer?>.allocate(capacity: w4Sizes.count)
    defer { blocks.deallocate() }
    let ns = withHeap(kind, { Workloads.allocateOnly(&$0, sizes: w4Sizes, into: blocks) },
                      { Workloads.allocateOnly(&$0, sizes: w4Sizes, into: blocks) },
                      { Workloads.allocateOnly(&$0, sizes: w4Sizes, into: blocks) },
                      { Workloads.allocateOnly(&$0, sizes: w4Sizes, into: blocks) })
    if kind == .system { for p in blocks { free(p) } }
    return ns
}

func w3(_ kind: Kind, seed: UInt64) -> Double {
    let bytes = 1 << 20
    return withHeap(kind, bytes: bytes, { Workloads.utilization(&$0, regionBytes: bytes, seed: seed) },
                    { Workloads.utilization(&$0, regionBytes: bytes, seed: seed) },
                    { Workloads.utilization(&$0, regionBytes: bytes, seed: seed) }, { _ in .nan })
}

func format(_ value: Double, _ decimals: Int = 1) -> String {
    guard value.isFinite else { return "n/a" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    return "\(rounded)"
}

func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }

if let only = option("--only"), let kind = Kind(rawValue: only) {
    let workload = arguments.last ?? "W1"
    switch workload {
    case "W2": print("\(kind) W2: \(format(w2(kind) ?? .nan)) ns/op")
    case "W4": print("\(kind) W4: \(format(w4(kind))) ns/op")
    default: print("\(kind) W1: \(format(w1(kind))) ns/op")
    }
    exit(0)
}

print("FerriteBench: \(runs) runs per figure (median), seed \(seed)")
print("W1 \(w1Sizes.count) alloc+free pairs, 16-256 B; W2 \(w2Trace.count) churn steps, <=1000 live, 8-4096 B log-uniform;")
print("W3 1 MiB region filled with the W2 mix, 20 seeds; W4 \(w4Sizes.count) allocations of 8-64 B, no frees\n")

var table: [Kind: [String: String]] = [:]
var w1System = Double.nan, w2System = Double.nan, w4System = Double.nan
for kind in Kind.allCases.reversed() {  // system first: the others' ratios need it
    var row: [String: String] = [:]
    let a = median((0..<runs).map { _ in w1(kind) })
    let b = kind == .bump ? .nan : median((0..<runs).map { _ in w2(kind) ?? .nan })
    let d = median((0..<runs).map { _ in w4(kind) })
    if kind == .system { w1System = a; w2System = b; w4System = d }
    row["W1"] = format(a); row["W1x"] = format(a / w1System, 2)
    row["W2"] = format(b); row["W2x"] = format(b / w2System, 2)
    row["W4"] = format(d); row["W4x"] = format(d / w4System, 2)
    if kind != .bump {
        let latencies = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: w2Trace.count)
        _ = w2(kind, latencies: latencies)
        let sorted = Array(latencies).sorted()
        latencies.deallocate()
        row["lat"] = "\(percentile(sorted, 50))/\(percentile(sorted, 99))/\(percentile(sorted, 99.9))/\(sorted.last ?? 0)"
    } else {
        row["lat"] = "n/a"
    }
    if kind != .system {
        let u = (0..<20).map { w3(kind, seed: seed &+ UInt64($0)) }
        let mean = u.reduce(0, +) / Double(u.count)
        let variance = u.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(u.count)
        row["W3"] = "\(format(mean * 100, 2))% ± \(format(variance.squareRoot() * 100, 2))"
    } else {
        row["W3"] = "n/a"
    }
    table[kind] = row
}

// The clock's own cost, included in every latency figure.
var overhead: [UInt32] = []
for _ in 0..<100_000 { let t0 = now(); overhead.append(UInt32(now() - t0)) }
overhead.sort()

let kinds: [Kind] = [.tlsf, .freelist, .bump, .system]
let rows: [(String, String)] = [("W1 ns/op", "W1"), ("W1 vs system", "W1x"), ("W2 ns/op", "W2"), ("W2 vs system", "W2x"),
                                ("W2 p50/p99/p99.9/max ns", "lat"), ("W3 utilization", "W3"),
                                ("W4 ns/op", "W4"), ("W4 vs system", "W4x")]
print("| " + pad("workload", 24) + " | " + kinds.map { pad($0.rawValue, 18) }.joined(separator: " | ") + " |")
print("|" + String(repeating: "-", count: 26) + "|" + kinds.map { _ in String(repeating: "-", count: 20) }.joined(separator: "|") + "|")
for (title, key) in rows {
    print("| " + pad(title, 24) + " | " + kinds.map { pad(table[$0]?[key] ?? "", 18) }.joined(separator: " | ") + " |")
}
print("\nlatencies include the clock read itself: median \(percentile(overhead, 50)) ns, p99 \(percentile(overhead, 99)) ns")
print("bump: W2 n/a (it cannot reuse freed blocks, so churn exhausts any region)")
