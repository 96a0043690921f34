// The inlining policy of TLSF's list operations, chosen per build: hosted
// builds inline them into allocate/deallocate (speed: `make bench`), Embedded
// builds keep one copy of each (code size: the firmware's -Osize target).
// The bodies live in TLSFAllocator.swift as `...Body`.

#if hasFeature(Embedded)
extension TLSFAllocator {
    @usableFromInline @inline(never)
    static func mapping(_ size: UInt) -> (fl: Int, sl: Int) { mappingBody(size) }

    @usableFromInline @inline(never)
    static func insert(_ control: UInt, _ block: UInt, _ fl: Int, _ sl: Int) { insertBody(control, block, fl, sl) }

    @usableFromInline @inline(never)
    static func remove(_ control: UInt, _ block: UInt, _ fl: Int, _ sl: Int) { removeBody(control, block, fl, sl) }

    @usableFromInline @inline(never)
    static func replace(_ control: UInt, _ old: UInt, with new: UInt, _ fl: Int, _ sl: Int) { replaceBody(control, old, with: new, fl, sl) }

    @usableFromInline @inline(never)
    static func findBlock(_ control: UInt, atLeast size: UInt) -> (block: UInt, fl: Int, sl: Int)? { findBlockBody(control, atLeast: size) }
}
#else
extension TLSFAllocator {
    @inlinable @inline(__always)
    static func mapping(_ size: UInt) -> (fl: Int, sl: Int) { mappingBody(size) }

    @inlinable @inline(__always)
    static func insert(_ control: UInt, _ block: UInt, _ fl: Int, _ sl: Int) { insertBody(control, block, fl, sl) }

    @inlinable @inline(__always)
    static func remove(_ control: UInt, _ block: UInt, _ fl: Int, _ sl: Int) { removeBody(control, block, fl, sl) }

    @inlinable @inline(__always)
    static func replace(_ control: UInt, _ old: UInt, with new: UInt, _ fl: Int, _ sl: Int) { replaceBody(control, old, with: new, fl, sl) }

    @inlinable @inline(__always)
    static func findBlock(_ control: UInt, atLeast size: UInt) -> (block: UInt, fl: Int, sl: Int)? { findBlockBody(control, atLeast: size) }
}
#endif
