import Ferrite

/// The Swift runtime on Ferrite's heap: classes, generics, arrays,
/// Dictionary/Set, strings, a ~Copyable type's deinit; the heap is valid and
/// back where it started afterwards.
enum SwiftRuntimeChecks {
    final class Node<Value> {
        let value: Value
        var next: Node?
        init(_ value: Value, next: Node?) { self.value = value; self.next = next }
    }

    struct Token: ~Copyable {
        let id: Int
        deinit { SwiftRuntimeChecks.dropped += id }
    }
    nonisolated(unsafe) static var dropped = 0

    static func run(_ t: inout Checker) {
        t.begin("Swift runtime on the Ferrite heap")
        let start = HeapReport.statistics()
        do {
            var list: Node<Int>? = nil
            for i in 1...100 { list = Node(i, next: list) }
            var sum = 0
            var cursor = list
            while let node = cursor { sum += node.value; cursor = node.next }
            t.expect(sum == 5050, "a 100-node generic linked list of class instances")
            t.expect(HeapReport.statistics().liveAllocations >= start.liveAllocations + 100, "each node is a heap block")
            // Break the chain iteratively: dropping a long list recursively would be deep.
            while let node = list { list = node.next; node.next = nil }

            // 1000 elements, fewer on a small heap (1 per 256 bytes of it): the
            // bump heap never reuses the buffers the array outgrows.
            let count = min(1000, runtimeHeapRegion.count / 256)
            var squares: [Int] = []
            for i in 0..<count { squares.append(i * i) }
            t.expect(squares.count == count && squares[count - 1] == (count - 1) * (count - 1),
                     "an array growing to 1000 elements (fewer on a small heap)")

            var counts: [String: Int] = [:]
            for word in ["ferrite", "heap", "swift", "heap", "ferrite", "heap"] { counts[word, default: 0] += 1 }
            t.expect(counts["heap"] == 3 && counts["ferrite"] == 2 && counts.count == 3, "Dictionary<String, Int>")
            let evens = Set(stride(from: 0, to: 200, by: 2))
            t.expect(evens.count == 100 && evens.contains(198) && !evens.contains(199), "Set<Int>")

            let name = "Ferrite"
            let line = "\(name) has \(counts.count) words, \(999 * 999) is the last square"
            t.expect(line == "Ferrite has 3 words, 998001 is the last square", "String interpolation")
            t.expect("apple" < "banana" && "é" == "e\u{301}", "String comparison, with Unicode normalisation")

            do {
                let a = Token(id: 1)
                let b = Token(id: 10)
                let moved = consume a
                _ = consume moved
                _ = consume b
            }
            t.expect(dropped == 11, "a ~Copyable value's deinit runs once per value")
        }
        let end = HeapReport.statistics()
        t.expect(end.bytesInUse == start.bytesInUse && end.liveAllocations == start.liveAllocations,
                 "the heap is back where it started")
        t.expect(runtimeHeap.pointee.validate() == nil, "the runtime heap validates")
    }
}
