/// Where an ownership type (`UniqueBox`, `Rc`, `Arc`) takes its memory from
/// and gives it back to: the global heap, or a Ferrite allocator the caller
/// owns (an arena, a pool for one subsystem).
///
/// It is three words, copied into every owner, so the owner can free its
/// allocation without knowing the allocator's type: a context pointer and two
/// C function pointers (generic, existential-free, and the same in Embedded
/// Swift and hosted builds).
///
/// The global heap is the one the Swift runtime uses (`swift_slowAlloc`): on
/// Ferrite firmware that is Ferrite's runtime heap, on a hosted build the C
/// library's `malloc`.
// @unchecked: the reference is plain data; whether the allocator behind it may
// be used from several threads is the duty of whoever made it (the global heap
// may; a caller-owned Ferrite allocator may not unless behind a lock).
public struct AllocatorReference: @unchecked Sendable {
    public typealias AllocateFunction = @convention(c) (UnsafeMutableRawPointer?, Int, Int) -> UnsafeMutableRawPointer?
    public typealias DeallocateFunction = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer, Int, Int) -> Void

    /// Passed back to the two functions; nil means the global heap, which is
    /// then called directly (no indirect call on the hot path).
    public let context: UnsafeMutableRawPointer?
    @usableFromInline let allocateFunction: AllocateFunction
    @usableFromInline let deallocateFunction: DeallocateFunction

    /// An allocation source from two C-convention functions.
    /// - Precondition: `allocate(context, size, alignment)` returns a block of
    ///   at least `size` bytes aligned to `alignment` (a power of two), or nil;
    ///   `deallocate(context, pointer, size, alignment)` accepts every such
    ///   block once; `context` stays valid while any owner uses this reference.
    public init(context: UnsafeMutableRawPointer, allocate: AllocateFunction, deallocate: DeallocateFunction) {
        self.context = context
        self.allocateFunction = allocate
        self.deallocateFunction = deallocate
    }

    @inlinable
    init(globalHeapWith allocate: AllocateFunction, _ deallocate: DeallocateFunction) {
        context = nil
        allocateFunction = allocate
        deallocateFunction = deallocate
    }

    /// The global heap (the Swift runtime's allocator).
    public static var global: AllocatorReference {
        AllocatorReference(globalHeapWith: { _, size, alignment in
            UnsafeMutableRawPointer.allocate(byteCount: size, alignment: alignment)
        }, { _, pointer, _, _ in
            pointer.deallocate()
        })
    }

    /// A block for `layout`, or nil if the source is exhausted.
    @inlinable
    public func allocate(_ layout: Layout) -> UnsafeMutableRawPointer? {
        guard context != nil else { return UnsafeMutableRawPointer.allocate(byteCount: layout.size, alignment: layout.alignment) }
        return allocateFunction(context, layout.size, layout.alignment)
    }

    /// Gives back a block from `allocate(_:)` with the same layout.
    @inlinable
    public func deallocate(_ pointer: UnsafeMutableRawPointer, _ layout: Layout) {
        guard context != nil else { return pointer.deallocate() }
        deallocateFunction(context, pointer, layout.size, layout.alignment)
    }
}

extension AllocatorReference {
    /// A `BumpAllocator` the caller owns (an arena: blocks are given back on
    /// `reset(to:)`, or at once when freed last-in first-out).
    /// - Precondition: `allocator` outlives every owner allocated through this
    ///   reference and is not used concurrently.
    public static func bump(_ allocator: UnsafeMutablePointer<BumpAllocator>) -> AllocatorReference {
        AllocatorReference(
            context: UnsafeMutableRawPointer(allocator),
            allocate: { context, size, alignment in
                // SAFETY: context is the BumpAllocator pointer given above (precondition).
                let heap = context.unsafelyUnwrapped.assumingMemoryBound(to: BumpAllocator.self)
                return try? heap.pointee.allocate(Layout(uncheckedSize: size, alignment: alignment))
            },
            deallocate: { context, pointer, size, alignment in
                let heap = context.unsafelyUnwrapped.assumingMemoryBound(to: BumpAllocator.self)
                try? heap.pointee.deallocate(pointer, layout: Layout(uncheckedSize: size, alignment: alignment))
            })
    }

    /// A `TLSFAllocator` the caller owns.
    /// - Precondition: as for `bump(_:)`.
    public static func tlsf(_ allocator: UnsafeMutablePointer<TLSFAllocator>) -> AllocatorReference {
        AllocatorReference(
            context: UnsafeMutableRawPointer(allocator),
            allocate: { context, size, alignment in
                // SAFETY: context is the TLSFAllocator pointer given above (precondition).
                let heap = context.unsafelyUnwrapped.assumingMemoryBound(to: TLSFAllocator.self)
                return try? heap.pointee.allocate(Layout(uncheckedSize: size, alignment: alignment))
            },
            deallocate: { context, pointer, size, alignment in
                let heap = context.unsafelyUnwrapped.assumingMemoryBound(to: TLSFAllocator.self)
                try? heap.pointee.deallocate(pointer, layout: Layout(uncheckedSize: size, alignment: alignment))
            })
    }

    /// A `FreeListAllocator` the caller owns.
    /// - Precondition: as for `bump(_:)`.
    public static func freeList(_ allocator: UnsafeMutablePointer<FreeListAllocator>) -> AllocatorReference {
        AllocatorReference(
            context: UnsafeMutableRawPointer(allocator),
            allocate: { context, size, alignment in
                // SAFETY: context is the FreeListAllocator pointer given above (precondition).
                let heap = context.unsafelyUnwrapped.assumingMemoryBound(to: FreeListAllocator.self)
                return try? heap.pointee.allocate(Layout(uncheckedSize: size, alignment: alignment))
            },
            deallocate: { context, pointer, size, alignment in
                let heap = context.unsafelyUnwrapped.assumingMemoryBound(to: FreeListAllocator.self)
                try? heap.pointee.deallocate(pointer, layout: Layout(uncheckedSize: size, alignment: alignment))
            })
    }
}

/// Stops the program because an ownership rule was broken at run time (a
/// `RefCell` borrow conflict, a reference count overflow). Like Rust's panic:
/// the message goes to the console first, in Embedded builds too.
@usableFromInline @inline(never)
func ownershipFailure(_ message: StaticString) -> Never {
    print("Ferrite: \(message)")
    fatalError("\(message)")
}
