// The inlining policy of TLSF's list operations, chosen per build: hosted
// builds inline them into allocate/deallocate (speed: `make bench`), Embedded
// builds keep one copy of each (code size: the firmware's -Osize target).
// The bodies live in TLSFAllocator.swift as `...Body`.

#if hasFeature(Embedded)
extension TLSFAllocator {
    @usableFromInline @inline(never)
    static func mapping(_ size: UInt) -> Int { mappingBody(size) }

    @usableFromInline @inline(never)
    static func insert(_ control: UInt, _ block: UInt, _ list: Int) { insertBody(control, block, list) }

    @usableFromInline @inline(never)
    static func remove(_ control: UInt, _ block: UInt, _ list: Int) { removeBody(control, block, list) }

    @usableFromInline @inline(never)
    static func replace(_ control: UInt, _ old: UInt, with new: UInt, _ list: Int) { replaceBody(control, old, with: new, list) }

    @usableFromInline @inline(never)
    static func findBlock(_ control: UInt, atLeast size: UInt) -> (block: UInt, list: Int) { findBlockBody(control, atLeast: size) }
}
#else
extension TLSFAllocator {
    @inlinable @inline(__always)
    static func mapping(_ size: UInt) -> Int { mappingBody(size) }

    @inlinable @inline(__always)
    static func insert(_ control: UInt, _ block: UInt, _ list: Int) { insertBody(control, block, list) }

    @inlinable @inline(__always)
    static func remove(_ control: UInt, _ block: UInt, _ list: Int) { removeBody(control, block, list) }

    @inlinable @inline(__always)
    static func replace(_ control: UInt, _ old: UInt, with new: UInt, _ list: Int) { replaceBody(control, old, with: new, list) }

    @inlinable @inline(__always)
    static func findBlock(_ control: UInt, atLeast size: UInt) -> (block: UInt, list: Int) { findBlockBody(control, atLeast: size) }
}
#endif
