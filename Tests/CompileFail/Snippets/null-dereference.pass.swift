// The fix: say what happens when there is nothing there.
func read(_ pointer: UnsafePointer<Int>?) -> Int {
    guard let pointer else { return 0 }
    return pointer.pointee
}
