// The inlining policy of TLSF's list operations, chosen per build: hosted
// builds inline them into allocate/deallocate (speed: `make bench`), Embedded
// builds keep one copy of each (code size: the firmware's -Osize target).
// The bodies live in TLSFAllocator.swift as `...Body`.

#if hasFeature(Embedded)
extension TLSFAllocator {
    @usableFromInline @inline(never)
    static func mapping(_ size: UInt) -> (fl: Int, sl: Int) { mappingBody(size) }

    @usableFromInline @inline(never)
    func insert(_ block: UInt, _ fl: Int, _ sl: Int) { insertBody(block, fl, sl) }

    @usableFromInline @inline(never)
    func remove(_ block: UInt, _ fl: Int, _ sl: Int) { removeBody(block, fl, sl) }

    @usableFromInline @inline(never)
    func replace(_ old: UInt, with new: UInt, _ fl: Int, _ sl: Int) { replaceBody(old, with: new, fl, sl) }

    @usableFromInline @inline(never)
    func findBlock(atLeast size: UInt) -> (block: UInt, fl: Int, sl: Int)? { findBlockBody(atLeast: size) }
}
#else
extension TLSFAllocator {
    @inlinable @inline(__always)
    static func mapping(_ size: UInt) -> (fl: Int, sl: Int) { mappingBody(size) }

    @inlinable @inline(__always)
    func insert(_ block: UInt, _ fl: Int, _ sl: Int) { insertBody(block, fl, sl) }

    @inlinable @inline(__always)
    func remove(_ block: UInt, _ fl: Int, _ sl: Int) { removeBody(block, fl, sl) }

    @inlinable @inline(__always)
    func replace(_ old: UInt, with new: UInt, _ fl: Int, _ sl: Int) { replaceBody(old, with: new, fl, sl) }

    @inlinable @inline(__always)
    func findBlock(atLeast size: UInt) -> (block: UInt, fl: Int, sl: Int)? { findBlockBody(atLeast: size) }
}
#endif
