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
///
/// Errors keep their kind end to end: `allocate` throws the allocator's own
/// error, `deallocate` its refusal. An owner's drop cannot throw, so there a
/// refused free stops the program with a message (`release`): a free the
/// allocator refuses means ownership was broken (a double drop).
// @unchecked: the reference is plain data; whether the allocator behind it may
// be used from several threads is the duty of whoever made it (the global heap
// may; a caller-owned Ferrite allocator may not unless behind a lock).
public struct AllocatorReference: @unchecked Sendable {
    /// `allocate(context, size, alignment, failure)`: a block, or nil with
    /// the reason's `AllocatorError.code` stored in `failure`.
    public typealias AllocateFunction = @convention(c) (UnsafeMutableRawPointer?, Int, Int, UnsafeMutablePointer<Int>) -> UnsafeMutableRawPointer?
    /// `deallocate(context, pointer, size, alignment)`: 0 when the block was
    /// freed, else the refusal's `AllocatorError.code`.
    public typealias DeallocateFunction = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer, Int, Int) -> Int

    /// Passed back to the two functions; nil means the global heap, which is
    /// then called directly (no indirect call on the hot path).
    public let context: UnsafeMutableRawPointer?
    @usableFromInline let allocateFunction: AllocateFunction
    @usableFromInline let deallocateFunction: DeallocateFunction

    /// An allocation source from two C-convention functions (C function
    /// pointers cannot carry a Swift error, so the error crosses as its
    /// `AllocatorError.code`).
    /// - Precondition: `allocate(context, size, alignment, failure)` returns a
    ///   block of at least `size` bytes aligned to `alignment` (a power of
    ///   two), or nil after storing the `AllocatorError.code` of the reason in
    ///   `failure` (nil with no known code counts as `.outOfMemory`);
    ///   `deallocate(context, pointer, size, alignment)` frees every such block
    ///   once and returns 0, or returns the code of its refusal (an unknown
    ///   non-zero code counts as `.invalidPointer`); `context` stays valid
    ///   while any owner uses this reference.
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

    /// The global heap (the Swift runtime's allocator). It never reports an
    /// error: exhaustion or a bad free stops the program inside the runtime
    /// (on Ferrite firmware, the runtime heap's misuse report).
    public static var global: AllocatorReference {
        AllocatorReference(globalHeapWith: { _, size, alignment, _ in
            UnsafeMutableRawPointer.allocate(byteCount: size, alignment: alignment)
        }, { _, pointer, _, _ in
            pointer.deallocate()
            return 0
        })
    }

    /// A block for `layout`.
    /// - Throws: the allocator's own error (`.outOfMemory`, `.limitReached`).
    @inlinable
    public func allocate(_ layout: Layout) throws(AllocatorError) -> UnsafeMutableRawPointer {
        guard context != nil else { return UnsafeMutableRawPointer.allocate(byteCount: layout.size, alignment: layout.alignment) }
        var failure = 0
        guard let block = allocateFunction(context, layout.size, layout.alignment, &failure) else {
            throw AllocatorError(code: failure) ?? .outOfMemory
        }
        return block
    }

    /// Gives back a block from `allocate(_:)` with the same layout.
    /// - Throws: the allocator's refusal (`.doubleFree`, `.invalidPointer`);
    ///   the allocator is then unchanged.
    @inlinable
    public func deallocate(_ pointer: UnsafeMutableRawPointer, _ layout: Layout) throws(AllocatorError) {
        guard context != nil else { return pointer.deallocate() }
        let refusal = deallocateFunction(context, pointer, layout.size, layout.alignment)
        if refusal != 0 { throw AllocatorError(code: refusal) ?? .invalidPointer }
    }

    /// Frees an owner's block on its drop path, where nothing can be thrown:
    /// a refusal (a double drop, a block freed behind the owner's back) means
    /// ownership was broken, so it stops the program with a message naming
    /// `owner` and the error, like a `RefCell` conflict.
    @inlinable
    func release(_ pointer: UnsafeMutableRawPointer, _ layout: Layout, by owner: StaticString) {
        do { try deallocate(pointer, layout) } catch { freeRefused(by: owner, error) }
    }
}

extension AllocatorError {
    /// The error's number as it crosses `AllocatorReference`'s C-convention
    /// functions (never 0, which means "no error").
    public var code: Int {
        switch self {
        case .outOfMemory: 1
        case .limitReached: 2
        case .invalidPointer: 3
        case .doubleFree: 4
        case .layoutMismatch: 5
        }
    }

    /// The error whose `code` is `code`, or nil for 0 or an unknown number.
    @inlinable
    public init?(code: Int) {
        switch code {
        case 1: self = .outOfMemory
        case 2: self = .limitReached
        case 3: self = .invalidPointer
        case 4: self = .doubleFree
        case 5: self = .layoutMismatch
        default: return nil
        }
    }

    /// A short fixed name, for messages.
    public var name: StaticString {
        switch self {
        case .outOfMemory: "out of memory"
        case .limitReached: "limit reached"
        case .invalidPointer: "invalid pointer"
        case .doubleFree: "double free"
        case .layoutMismatch: "layout mismatch"
        }
    }
}

extension AllocatorReference {
    /// `allocate` for a Ferrite allocator behind `context` (the body of the
    /// C functions below: a C function pointer cannot be generic itself).
    /// - Precondition: `context` points to an initialised `A`.
    @usableFromInline
    static func allocate<A: Allocator & ~Copyable>(
        _ type: A.Type, _ context: UnsafeMutableRawPointer?, _ size: Int, _ alignment: Int, _ failure: UnsafeMutablePointer<Int>
    ) -> UnsafeMutableRawPointer? {
        // SAFETY: context is the allocator pointer the reference was made with (precondition).
        let heap = context.unsafelyUnwrapped.assumingMemoryBound(to: A.self)
        do {
            return try heap.pointee.allocate(Layout(uncheckedSize: size, alignment: alignment))
        } catch {
            failure.pointee = error.code
            return nil
        }
    }

    /// `deallocate` for a Ferrite allocator behind `context`: 0 or the refusal's code.
    /// - Precondition: as for `allocate(_:_:_:_:_:)`.
    @usableFromInline
    static func deallocate<A: Allocator & ~Copyable>(
        _ type: A.Type, _ context: UnsafeMutableRawPointer?, _ pointer: UnsafeMutableRawPointer, _ size: Int, _ alignment: Int
    ) -> Int {
        // SAFETY: as in `allocate`.
        let heap = context.unsafelyUnwrapped.assumingMemoryBound(to: A.self)
        do {
            try heap.pointee.deallocate(pointer, layout: Layout(uncheckedSize: size, alignment: alignment))
            return 0
        } catch {
            return error.code
        }
    }

    /// A `BumpAllocator` the caller owns (an arena: blocks are given back on
    /// `reset(to:)`, or at once when freed last-in first-out).
    /// - Precondition: `allocator` outlives every owner allocated through this
    ///   reference and is not used concurrently.
    public static func bump(_ allocator: UnsafeMutablePointer<BumpAllocator>) -> AllocatorReference {
        AllocatorReference(
            context: UnsafeMutableRawPointer(allocator),
            allocate: { AllocatorReference.allocate(BumpAllocator.self, $0, $1, $2, $3) },
            deallocate: { AllocatorReference.deallocate(BumpAllocator.self, $0, $1, $2, $3) })
    }

    /// A `TLSFAllocator` the caller owns.
    /// - Precondition: as for `bump(_:)`.
    public static func tlsf(_ allocator: UnsafeMutablePointer<TLSFAllocator>) -> AllocatorReference {
        AllocatorReference(
            context: UnsafeMutableRawPointer(allocator),
            allocate: { AllocatorReference.allocate(TLSFAllocator.self, $0, $1, $2, $3) },
            deallocate: { AllocatorReference.deallocate(TLSFAllocator.self, $0, $1, $2, $3) })
    }

    /// A `FreeListAllocator` the caller owns.
    /// - Precondition: as for `bump(_:)`.
    public static func freeList(_ allocator: UnsafeMutablePointer<FreeListAllocator>) -> AllocatorReference {
        AllocatorReference(
            context: UnsafeMutableRawPointer(allocator),
            allocate: { AllocatorReference.allocate(FreeListAllocator.self, $0, $1, $2, $3) },
            deallocate: { AllocatorReference.deallocate(FreeListAllocator.self, $0, $1, $2, $3) })
    }
}

/// Stops the program because an owner's block could not be freed (see
/// `AllocatorReference.release`): `Ferrite: UniqueBox: the allocator refused
/// to free its block: double free`.
@usableFromInline @inline(never)
func freeRefused(by owner: StaticString, _ error: AllocatorError) -> Never {
    print("Ferrite: \(owner): the allocator refused to free its block: \(error.name)")
    fatalError("\(owner): the allocator refused to free its block: \(error.name)")
}

/// Stops the program because an ownership rule was broken at run time (a
/// `RefCell` borrow conflict, a reference count overflow). Like Rust's panic:
/// the message goes to the console first, in Embedded builds too.
@usableFromInline @inline(never)
func ownershipFailure(_ message: StaticString) -> Never {
    print("Ferrite: \(message)")
    fatalError("\(message)")
}
