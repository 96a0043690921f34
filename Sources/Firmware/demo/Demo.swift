import Ferrite

/// The demo: Swift objects living in Ferrite's heap, watched through its
/// counters. Every class instance, array buffer, string and dictionary below is
/// allocated by the Swift runtime through `posix_memalign`/`malloc`, which on
/// this board are Ferrite's allocator.
@main
struct Demo {
    static func main() {
        HeapReport.printBanner("demo")
        let before = HeapReport.statistics()
        HeapReport.print("before")

        do {
            print("\n1. Three Sensor objects (class instances, reference counted):")
            let sensors = [Sensor(id: 1, name: "temperature"), Sensor(id: 2, name: "pressure"), Sensor(id: 3, name: "humidity")]
            for (step, sensor) in sensors.enumerated() {
                for i in 0..<4 { sensor.record(step * 10 + i) }
            }
            HeapReport.print("with 3 sensors")
            HeapReport.printMap("demo")   // the heap, block by block (FerriteBench --heap-map-text draws it)

            print("\n2. A ~Copyable SampleBuffer owns 4 KiB; moving it transfers ownership:")
            let buffer = SampleBuffer(count: 4096)
            buffer.fill(with: 0x5A)
            HeapReport.print("with the buffer")
            let owner = consume buffer        // ownership moves; no copy, no retain
            print("   checksum of the moved buffer: \(owner.checksum())")
            drop(owner)                        // deinit runs here, exactly once
            HeapReport.print("buffer dropped")

            print("\n3. Dictionary, Set and String, all on the heap:")
            var byName: [String: Sensor] = [:]
            for sensor in sensors { byName[sensor.name] = sensor }
            let seen: Set<Int> = Set(sensors.map { $0.id })
            let names = sensors.map { $0.name }.sorted()
            print("   sorted names: \(names.joined(separator: ", "))")
            print("   'pressure' < 'temperature': \("pressure" < "temperature"); ids seen: \(seen.count)")
            if let sensor = byName["pressure"] {
                print("   byName[\"pressure\"] -> sensor \(sensor.id), mean reading \(sensor.mean())")
            }
            HeapReport.print("during")
            print("\n4. Leaving the scope releases everything:")
        }

        let after = HeapReport.statistics()
        HeapReport.print("after")
        if after.bytesInUse == before.bytesInUse && after.liveAllocations == before.liveAllocations {
            print("\nheap back to its starting state: every byte taken was returned")
            Runtime.exit(0)
        }
        print("\nLEAK: the heap did not return to its starting state")
        Runtime.exit(Runtime.failureStatus)
    }

    static func drop(_ buffer: consuming SampleBuffer) {}
}

/// A reference type: shared, reference counted, freed when the last reference goes.
final class Sensor {
    let id: Int
    let name: String
    private(set) var readings: [Int] = []

    init(id: Int, name: String) {
        self.id = id
        self.name = name
        print("   Sensor \(id) (\(name)) created")
    }

    deinit { print("   Sensor \(id) (\(name)) freed") }

    func record(_ value: Int) { readings.append(value) }

    func mean() -> Int { readings.isEmpty ? 0 : readings.reduce(0, +) / readings.count }
}

/// A single-owner buffer: `~Copyable`, so it cannot be duplicated, and its
/// `deinit` frees the memory exactly once, wherever ownership ends.
struct SampleBuffer: ~Copyable {
    private let storage: UnsafeMutableBufferPointer<UInt8>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: 0)
        print("   SampleBuffer of \(count) bytes allocated at \(hex(UInt(bitPattern: storage.baseAddress)))")
    }

    func fill(with byte: UInt8) {
        for i in storage.indices { storage[i] = byte }
    }

    /// The sum of the bytes: 4096 × 0x5A = 368640 after `fill(with: 0x5A)`.
    func checksum() -> Int {
        var sum = 0
        for byte in storage { sum &+= Int(byte) }
        return sum
    }

    deinit {
        print("   SampleBuffer deinit: \(storage.count) bytes freed")
        storage.deallocate()
    }
}

func hex(_ value: UInt) -> String { "0x" + String(value, radix: 16) }
