import Synchronization

/// A weak reference to an `Arc`'s allocation: Rust's `sync::Weak`.
@frozen
public struct ArcWeak<Value: ~Copyable>: ~Copyable {
    /// Invariant: points to the counts of an `Arc` allocation whose `weak`
    /// count includes this reference.
    @usableFromInline let box: UnsafeMutablePointer<ArcCounts>
    @usableFromInline let allocator: AllocatorReference

    @inlinable
    init(box: UnsafeMutablePointer<ArcCounts>, allocator: AllocatorReference) {
        self.box = box
        self.allocator = allocator
    }

    /// An owner of the value, or nil once the last owner has gone. Never
    /// revives a value whose count has reached 0, even racing its last drop.
    /// - Complexity: a compare-exchange loop, retried only under contention.
    @inlinable
    public borrowing func upgrade() -> Arc<Value>? {
        var count = box.pointee.strong.load(ordering: .relaxed)
        while true {
            if count == 0 { return nil }
            if count > arcCountLimit { ownershipFailure("Arc: strong count overflow") }
            // Acquiring on success pairs with the releasing decrements of the
            // owners that went before, so the new owner sees the value as they
            // left it; relaxed on failure, as we only retry.
            let (exchanged, current) = box.pointee.strong.weakCompareExchange(
                expected: count, desired: count &+ 1, successOrdering: .acquiring, failureOrdering: .relaxed)
            if exchanged { return Arc(box: box, allocator: allocator) }
            count = current
        }
    }

    /// Another weak reference to the same allocation.
    @inlinable
    public borrowing func clone() -> ArcWeak<Value> {
        // Relaxed: this reference keeps the allocation alive.
        let old = box.pointee.weak.wrappingAdd(1, ordering: .relaxed).oldValue
        if old > arcCountLimit { ownershipFailure("Arc: weak count overflow") }
        return ArcWeak(box: box, allocator: allocator)
    }

    /// Owners right now (0 once the value is gone).
    @inlinable
    public var strongCount: Int { box.pointee.strong.load(ordering: .relaxed) }

    /// Drops one weak reference; frees the allocation when it was the last.
    @inlinable
    static func release(_ box: UnsafeMutablePointer<ArcCounts>, _ allocator: AllocatorReference) {
        // Release/acquire as for the strong count: every use of the allocation
        // (the counts themselves) happens-before the free.
        if box.pointee.weak.wrappingSubtract(1, ordering: .releasing).oldValue != 1 { return }
        atomicMemoryFence(ordering: .acquiring)
        allocator.release(UnsafeMutableRawPointer(box), CountedLayout<ArcCounts, Value>.layout, by: "Arc")
    }

    @inlinable
    deinit {
        Self.release(box, allocator)
    }
}

extension Arc where Value: ~Copyable {
    /// Rust's name for it: `Arc<Value>.Weak`.
    public typealias Weak = ArcWeak<Value>
}

extension Arc: @unchecked Sendable where Value: Sendable & ~Copyable {}
extension ArcWeak: @unchecked Sendable where Value: Sendable & ~Copyable {}
